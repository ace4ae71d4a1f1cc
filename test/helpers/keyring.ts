/**
 * Keychain tests need a real Secret Service (D-Bus + an unlocked gnome-keyring). `.ci/run`
 * provides one; elsewhere run `npm test` inside `dbus-run-session` (see the README). In CI a
 * missing keyring fails the run instead of skipping.
 */
export const hasSecretService = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!hasSecretService && process.env.CI) throw new Error('CI must run the keychain tests under dbus-run-session with gnome-keyring unlocked.');
