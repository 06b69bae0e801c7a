-- AlterTable
ALTER TABLE "RepromptRequest" ADD COLUMN     "promptedAt" TIMESTAMP(3);
