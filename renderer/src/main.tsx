import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installNavigationGuard } from './lib/navigationGuard';
import { startSubscriptions } from './stores/subscriptions';
import './styles.css';

installNavigationGuard();
startSubscriptions();
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
