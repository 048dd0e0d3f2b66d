/** Where a command writes; the real streams in the CLI, strings in tests. */
export type Io = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** A command: parses its own arguments and returns the exit code. */
export type Command = {
  summary: string;
  run: (argv: string[], io: Io) => Promise<number>;
};
