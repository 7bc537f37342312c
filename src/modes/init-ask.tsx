import type { InitChoices, InitQuestion } from '../domain/init-questions.js';

/** The terminal init asks in. */
export interface AskTerminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/**
 * Asks `questions` in the terminal with Ink; the answers, or undefined when the user left with Esc or Ctrl-C.
 * Ink is imported here only, so init without a terminal (--yes, CI) never loads it.
 */
export async function askInTerminal(questions: readonly InitQuestion[], terminal: AskTerminal): Promise<InitChoices | undefined> {
  if (questions.length === 0) return {};
  const [{ render }, { InitPrompts }] = await Promise.all([import('ink'), import('../ui/screens/init-prompts.js')]);
  let result: InitChoices | undefined;
  const instance = render(
    <InitPrompts
      questions={questions}
      onDone={(choices) => {
        result = choices;
        // The next turn, so the last answer's line is on screen before Ink lets go of the terminal.
        setImmediate(() => instance.unmount());
      }}
      onAbort={() => setImmediate(() => instance.unmount())}
    />,
    { stdin: terminal.stdin, stdout: terminal.stdout, stderr: terminal.stderr, patchConsole: false, exitOnCtrlC: false },
  );
  await instance.waitUntilExit();
  return result;
}
