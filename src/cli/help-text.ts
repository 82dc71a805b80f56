// What `--help` adds after the options: examples for every command, and for the program the
// environment variables and exit codes. Kept apart so command registrations stay flag lists.
import type { Command } from "commander";

const EXAMPLES: Record<string, string[]> = {
  init: [
    "microgoals init my-site --template ecommerce",
    "microgoals init my-site --template lead-gen --github   # with CI workflows",
  ],
  validate: ["microgoals validate my-site", "microgoals validate my-site --format github   # PR annotations"],
  compile: ["microgoals compile my-site", "microgoals compile my-site --format json > desired.json"],
  export: [
    "microgoals export my-site -o container.json",
    "microgoals export my-site | jq .containerVersion.tag",
  ],
  import: ["microgoals import GTM-XXXX_v12.json -o my-site/goals/imported.yaml"],
  codegen: ["microgoals codegen --lang ts -o src/goals.ts my-site"],
  plan: [
    "microgoals plan my-site -o plan.json",
    "microgoals plan my-site --detailed-exitcode   # exit 2 when there are changes",
    "microgoals plan my-site --endpoint http://127.0.0.1:8085 --time-scale 100   # against the emulator",
  ],
  apply: [
    "microgoals apply plan.json --publish   # the saved plan, as reviewed",
    "microgoals apply my-site --yes",
  ],
  report: [
    "microgoals report my-site --since 28daysAgo --until yesterday",
    "microgoals report my-site --format html -o reports/report.html",
    "microgoals report my-site --source files --files 'exports/events_*.parquet'",
  ],
  schedule: [
    "microgoals schedule my-site --once",
    "microgoals schedule my-site --cron '0 7 * * 1' --timezone Europe/Berlin",
  ],
  emulator: [
    "microgoals emulator --port 8085 --time-scale 100",
    "microgoals emulator --load 'exports/*.parquet'",
  ],
  demo: ["microgoals demo", "microgoals demo my-site --users 5000   # your own project, synthetic traffic"],
};

const PROGRAM = `
Environment:
  GOOGLE_APPLICATION_CREDENTIALS  service-account key file (Application Default Credentials)
  MICROGOALS_ENDPOINT             send every API call to this server (the emulator)
  MICROGOALS_TIME_SCALE           the emulator's --time-scale, for pacing
  MICROGOALS_WEBHOOK_URL          Slack-compatible webhook for report and schedule
  MICROGOALS_DEBUG=1              print stack traces
  NO_COLOR                        no colour in the terminal

Exit codes:
  0 success   1 spec or user error   2 usage error, or changes (plan --detailed-exitcode)
  3 an alert fired   130 interrupted (re-run to finish)   70 internal error (a bug)

Examples:
  microgoals init my-site --template ecommerce && microgoals validate my-site
  microgoals plan my-site -o plan.json && microgoals apply plan.json --publish
  microgoals report my-site --format html -o report.html`;

export function addHelpText(program: Command): void {
  program.addHelpText("after", PROGRAM);
  for (const command of program.commands) {
    const examples = EXAMPLES[command.name()];
    if (examples) command.addHelpText("after", `\nExamples:\n${examples.map((e) => `  ${e}`).join("\n")}`);
  }
}
