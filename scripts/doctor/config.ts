import { runtimeConfigProblems } from "@/lib/env";
import { fail, pass, warn, type CheckResult, type DoctorConfig } from "./types";

/**
 * The rules a production server enforces at start (lib/env.ts), evaluated as if in
 * production: outside production they are warnings, so a dev machine can run the doctor
 * before deploying.
 */
export function checkConfiguration(config: DoctorConfig): CheckResult {
  const title = "Configuration";
  const problems = runtimeConfigProblems({ ...config, NODE_ENV: "production" });
  if (problems.length === 0) return pass(title, "no emulator or demo credentials in use against real services");
  const detail = problems.join("; ");
  const fix = "set the variables named above (see .env.example and docs/setup.md)";
  return config.NODE_ENV === "production"
    ? fail(title, detail, fix)
    : warn(title, `a production server would refuse to start: ${detail}`, fix);
}
