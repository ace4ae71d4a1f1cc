import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppInfo } from '../../shared/domain/app';
import { call } from './lib/api';

function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('appInfo', {}).then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <main>
      <h1>Airvault</h1>
      {info && (
        <p>
          Version {info.version} on {info.platform}. Data folder: <code>{info.dataFolder}</code>
        </p>
      )}
      {info?.secureStorage === 'unavailable' && (
        <p role="alert">Secure storage is unavailable: Airvault keeps tokens only in the system keychain, so profiles cannot be connected until one is available.</p>
      )}
      {error && <p role="alert">{error}</p>}
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
