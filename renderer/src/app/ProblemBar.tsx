import { useApp } from '../stores/appStore';

/** The last error, in words, with what to do next. */
export function ProblemBar() {
  const { problem, dismissProblem, show } = useApp();
  if (!problem) return null;
  const reconnect = problem.code === 'NEEDS_REAUTH' || problem.code === 'REVOKED' || problem.code === 'SCOPE_MISSING';
  return (
    <div className="banner problem" role="alert" data-code={problem.code}>
      <strong>{problem.message}</strong>
      {problem.nextStep && <span> {problem.nextStep}</span>}
      {reconnect && <button onClick={() => (show('profiles'), dismissProblem())}>Open profiles</button>}
      <button aria-label="Dismiss" onClick={dismissProblem}>
        ×
      </button>
    </div>
  );
}
