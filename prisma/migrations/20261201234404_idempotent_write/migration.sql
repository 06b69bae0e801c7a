-- CreateEnum
CREATE TYPE "WriteState" AS ENUM ('pending', 'succeeded', 'unconfirmed', 'failed');

-- CreateTable
CREATE TABLE "IdempotentWrite" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "state" "WriteState" NOT NULL DEFAULT 'pending',
    "result" JSONB,
    "attemptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotentWrite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IdempotentWrite_createdAt_idx" ON "IdempotentWrite"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotentWrite_userId_key_key" ON "IdempotentWrite"("userId", "key");

-- AddForeignKey
ALTER TABLE "IdempotentWrite" ADD CONSTRAINT "IdempotentWrite_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
