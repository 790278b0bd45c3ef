import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App(): JSX.Element {
  return <h1>Go Module Explorer</h1>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
