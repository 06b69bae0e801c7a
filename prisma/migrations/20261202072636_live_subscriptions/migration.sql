-- CreateTable
CREATE TABLE "GraphSubscription" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "nangoConnectionId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "clientStateHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "wantedUntil" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "lastNotifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GraphSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GraphNotification" (
    "id" UUID NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "resource" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "GraphNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GraphSubscription_expiresAt_idx" ON "GraphSubscription"("expiresAt");

-- CreateIndex
CREATE INDEX "GraphSubscription_wantedUntil_idx" ON "GraphSubscription"("wantedUntil");

-- CreateIndex
CREATE UNIQUE INDEX "GraphSubscription_userId_resource_key" ON "GraphSubscription"("userId", "resource");

-- CreateIndex
CREATE UNIQUE INDEX "GraphNotification_dedupeKey_key" ON "GraphNotification"("dedupeKey");

-- CreateIndex
CREATE INDEX "GraphNotification_processedAt_receivedAt_idx" ON "GraphNotification"("processedAt", "receivedAt");

-- AddForeignKey
ALTER TABLE "GraphSubscription" ADD CONSTRAINT "GraphSubscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
