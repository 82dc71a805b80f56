import { type Command, Option } from "commander";

export function register(program: Command): void {
  program
    .command("init")
    .description("Write a starter project (microgoals.yaml and goals/) for a kind of business.")
    .argument("[dir]", "directory to create the project in", ".")
    .addOption(
      new Option("-t, --template <name>", "starter template")
        .choices(["ecommerce", "lead-gen", "saas", "content"])
        .default("ecommerce"),
    )
    .action(async (dir: string, opts: { template: "ecommerce" | "lead-gen" | "saas" | "content" }) => {
      const { scaffold } = await import("../../spec/scaffold.js");
      const files = await scaffold(dir, opts.template);
      for (const f of files) console.log(`created ${dir === "." ? "" : `${dir}/`}${f}`);
      console.log(`\nNext: edit the goals, then run \`microgoals validate ${dir}\`.`);
    });
}
