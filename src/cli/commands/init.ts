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
    .option(
      "--github",
      "also add GitHub Actions workflows (validate + plan on PRs, apply on main, weekly report)",
    )
    .action(
      async (
        dir: string,
        opts: { template: "ecommerce" | "lead-gen" | "saas" | "content"; github?: boolean },
      ) => {
        const { ignoreLocalState, scaffold } = await import("../run/init.js");
        const files = await scaffold(dir, opts.template);
        const prefix = dir === "." ? "" : `${dir}/`;
        for (const f of files) console.log(`created ${prefix}${f}`);
        const ignored = await ignoreLocalState(dir);
        if (ignored !== "kept") console.log(`${ignored} ${prefix}.gitignore (.microgoals/: local state)`);
        if (opts.github) {
          const { addGithubWorkflows } = await import("../../schedule/github-workflows.js");
          const added = addGithubWorkflows(dir);
          for (const f of added.written) console.log(`created ${prefix}${f}`);
          for (const f of added.skipped) console.log(`kept ${prefix}${f} (exists)`);
        }
        console.log(`\nNext: edit the goals, then run \`microgoals validate ${dir}\`.`);
      },
    );
}
