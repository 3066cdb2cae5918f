// The walkthrough's steps complete on context keys (package.json's completionEvents), set only when
// the step's command did its work: a dismissed pick, a failure or nothing shown leaves the step open.
//
// The key is true only for the moment of the tick. VS Code creates its walkthrough service when
// first needed (the walkthrough or its list opened) and, registering the steps, takes an onContext
// expression that already holds as an event already seen: a key left true before then would never
// tick its step in that window. That is how "Read the estimate" stayed open in code-server once an
// estimate had been shown before the walkthrough was opened (issue 25).

/**
 * Awaits `done` and returns its result; when there is one, sets the key true, then false again
 * (after the command has returned, as before: the tick is not part of the command's work).
 * Resolves `ticked` (for tests) once both are set.
 */
export async function tickOnSuccess<T>(
  done: PromiseLike<T | undefined>,
  setKey: (value: boolean) => PromiseLike<unknown>,
  ticked?: (ok: boolean) => void,
): Promise<T | undefined> {
  const result = await done;
  if (result !== undefined) {
    // one after the other: the walkthrough reads the key as it changes to true
    const pulse = async () => {
      await setKey(true);
      await setKey(false);
    };
    // setContext does not fail; if it ever did, the step would only stay open
    pulse().then(() => ticked?.(true), () => ticked?.(false));
  }
  return result;
}
