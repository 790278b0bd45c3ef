/**
 * A part of the window that failed to draw says so and offers a way back, instead of taking the
 * whole window down with it (React unmounts everything above an uncaught render error). The
 * project stays open: the toolbar, the status bar and the other panels keep working.
 */
import { Component, type ErrorInfo, type JSX, type ReactNode } from 'react';

interface Props {
  /** What this part is, for the message ("graph", "details"). */
  readonly part: string;
  /** Called by "Reset the view" before the part is drawn again. */
  readonly onReset: () => void;
  readonly children: ReactNode;
}

interface State {
  readonly error?: Error;
}

/** ErrorBoundary catches a render error of its children and shows it with a reset button. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console is where a bug report's details come from; the panel says what the user can do.
    console.error(`gomodx: the ${this.props.part} view failed:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <Fallback part={this.props.part} message={error.message} onReset={() => (this.props.onReset(), this.setState({ error: undefined }))} />;
  }
}

function Fallback({ part, message, onReset }: { part: string; message: string; onReset: () => void }): JSX.Element {
  return (
    <div className="view-failed" role="alert" data-testid={`failed-${part}`}>
      <h2>The {part} view failed</h2>
      <p>The project is still open; nothing was written.</p>
      <pre className="error-text">{message}</pre>
      <button className="primary" data-testid={`reset-${part}`} onClick={onReset}>
        Reset the view
      </button>
    </div>
  );
}
