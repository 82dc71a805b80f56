import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { commandLoaders, registrationsFor } from "../../src/cli/command-loaders.js";
import { commands } from "../../src/cli/registry.js";

const names = (registers: ((program: Command) => void)[]) => {
  const program = new Command("microgoals");
  for (const register of registers) register(program);
  return program.commands.map((c) => c.name());
};

describe("command registrations loaded on demand", () => {
  it("the loaders name every registered command, in help order, each loading its own", async () => {
    expect(Object.keys(commandLoaders)).toEqual(names(commands));
    for (const [name, load] of Object.entries(commandLoaders))
      expect(names([(await load()).register])).toEqual([name]);
  });

  it("a command loads only its own registration", async () => {
    expect(names(await registrationsFor(["validate", "."]))).toEqual(["validate"]);
    expect(names(await registrationsFor(["offline", "send", "--help"]))).toEqual(["offline"]);
    expect(names(await registrationsFor(["--version"]))).toEqual([]);
  });

  it("help, `help <command>`, an unknown command and no command get them all", async () => {
    for (const argv of [[], ["--help"], ["help", "plan"], ["valdate"], ["toString"], ["--version", "plan"]])
      expect(names(await registrationsFor(argv))).toEqual(names(commands));
  });
});
