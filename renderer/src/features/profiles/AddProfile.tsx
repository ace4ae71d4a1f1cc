import { useState, type FormEvent } from 'react';
import { useApp } from '../../stores/appStore';
import { useProfiles } from '../../stores/profilesStore';

/**
 * Adding a profile: a name, then either the browser sign-in (OAuth, needs a registered
 * integration whose redirect URI is shown exactly) or a personal access token.
 */
export function AddProfile({ onDone }: { onDone?: () => void }) {
  const { oauth, create, connectPat, connectOauth, saveOauth, connecting, lastConnectError } = useProfiles();
  const report = useApp((s) => s.report);
  const openProfile = useApp((s) => s.openProfile);
  const [name, setName] = useState('');
  const [method, setMethod] = useState<'oauth' | 'pat'>('oauth');
  const [token, setToken] = useState('');
  const [clientId, setClientId] = useState(oauth?.clientId ?? '');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const profile = await create(name.trim() || 'Airtable');
      if (method === 'pat') {
        await connectPat(profile.id, token.trim());
        setToken('');
      } else {
        if (clientId.trim() && clientId.trim() !== oauth?.clientId) await saveOauth({ clientId: clientId.trim() });
        await connectOauth(profile.id);
      }
      openProfile(profile.id);
      onDone?.();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card add-profile" onSubmit={(e) => void submit(e)} aria-label="Add a profile">
      <h2>Add a profile</h2>
      <label>
        Profile name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Work" maxLength={60} />
      </label>
      <fieldset className="segmented">
        <legend>Connect with</legend>
        <label>
          <input type="radio" name="method" checked={method === 'oauth'} onChange={() => setMethod('oauth')} /> Sign in with Airtable
        </label>
        <label>
          <input type="radio" name="method" checked={method === 'pat'} onChange={() => setMethod('pat')} /> Personal access token
        </label>
      </fieldset>
      {method === 'oauth' ? (
        <div className="guide">
          <p>Airtable signs you in in your browser. Airvault needs an OAuth integration registered in your Airtable account:</p>
          <ol>
            <li>
              Open <strong>airtable.com/create/oauth</strong> and register a new integration.
            </li>
            <li>
              Add this redirect URL exactly: <code data-testid="redirect-uri">{oauth?.redirectUri ?? '…'}</code>
            </li>
            <li>Tick the scopes Airvault asks for ({oauth?.scopes.length ?? 0}): {oauth?.scopes.join(', ')}.</li>
            <li>Paste the integration’s client ID below.</li>
          </ol>
          <label>
            Client ID
            <input value={clientId} onChange={(e) => setClientId(e.target.value)} placeholder="Client ID from Airtable" />
          </label>
          {connecting && <p role="status">Waiting for you to approve access in your browser… <button type="button" onClick={() => void useProfiles.getState().cancelConnect()}>Cancel</button></p>}
          {lastConnectError && <p role="alert">{lastConnectError}</p>}
        </div>
      ) : (
        <div className="guide">
          <p>
            Create a token at <strong>airtable.com/create/tokens</strong> with the scopes you need and access to your bases. Airvault keeps it in the system keychain only.
          </p>
          <label>
            Token
            <input type="password" value={token} onChange={(e) => setToken(e.target.value)} placeholder="pat…" autoComplete="off" required />
          </label>
        </div>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {method === 'oauth' ? 'Continue in browser' : 'Connect'}
      </button>
    </form>
  );
}
