-- AlterTable
ALTER TABLE "TeamsConnection" ADD COLUMN     "teamIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
