import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { Auth } from './auth/session';
import { loadConfig } from './config';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) => root.render(<StrictMode><App config={config} auth={new Auth(config)} /></StrictMode>),
  (error: Error) => root.render(<main className="centered"><h1>The console cannot start</h1><p role="alert">{error.message}</p></main>),
);
