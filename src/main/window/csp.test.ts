import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isLoopbackUrl, PROD_CSP } from './csp';

interface Finding {
  severity: number;
  description: string;
  directive: string;
}
interface CspEvaluatorModule {
  CspParser: new (raw: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): Finding[] };
  Version: { CSP3: unknown };
  severities: { HIGH: number; MEDIUM: number };
}
const cspEvaluator = createRequire(import.meta.url)('@doyensec/csp-evaluator') as CspEvaluatorModule;

function findings(policy: string): Finding[] {
  const parsed = new cspEvaluator.CspParser(policy);
  return new cspEvaluator.CspEvaluator(parsed.csp, cspEvaluator.Version.CSP3).evaluate();
}

describe('production CSP', () => {
  it('is exactly this policy', () => {
    expect(PROD_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
        "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy()).toBe(PROD_CSP);
  });

  it('has no high or medium findings from the CSP evaluator', () => {
    const serious = findings(PROD_CSP).filter((f) => f.severity <= cspEvaluator.severities.MEDIUM);
    expect(serious).toEqual([]);
  });

  it('the evaluator does catch a weak policy (the check can fail)', () => {
    expect(findings("script-src 'unsafe-inline' *").some((f) => f.severity === cspEvaluator.severities.HIGH)).toBe(true);
  });
});

describe('dev CSP', () => {
  it('adds only the loopback dev server', () => {
    const dev = contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' });
    expect(dev).toContain("script-src 'self' http://localhost:5173 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
  });

  it.each(['https://evil.test:5173/', 'http://192.168.1.2:5173/', 'file:///tmp/x', 'not a url'])('refuses %s', (url) => {
    expect(() => contentSecurityPolicy({ devServerUrl: url })).toThrow(/loopback/);
  });

  it.each([
    ['http://localhost:5173', true],
    ['http://127.0.0.1:1', true],
    ['http://127.1.2.3', true],
    ['http://[::1]:8080/', true],
    ['http://localhost.evil.test', false],
    ['http://127.0.0.1.evil.test', false],
    ['ws://localhost', false],
  ])('isLoopbackUrl(%s) = %s', (url, want) => {
    expect(isLoopbackUrl(url)).toBe(want);
  });
});
