// Hand-made universes that the go command must refuse: each breaks one rule (a version missing
// from the proxy, a go.sum line missing or wrong, an excluded or inconsistent requirement, a go
// line above the local toolchain, ...). Both tools must fail with the same message.
import { goModSum } from './go-sum-hash';
import { renderGoMod, renderGoWork, type GoModSpec } from './render-go-mod';
import type { SumEdits, Universe, UniverseModule } from './universe-model';

const T = '2022-03-04T05:06:07Z';

function mod(path: string, versions: ReadonlyArray<[string, GoModSpec | null]>): UniverseModule {
  return {
    path,
    versions: versions.map(([version, spec]) => ({
      version,
      time: T,
      listed: !/\d{14}-[0-9a-f]{12}/.test(version),
      goMod: spec ? renderGoMod(spec) : null,
    })),
  };
}

/** The small published world shared by the error cases. */
function baseModules(extra: { bDeclares?: string; bGo?: string } = {}): UniverseModule[] {
  return [
    mod('example.com/a', [
      ['v1.0.0', { module: 'example.com/a', go: '1.17', require: [{ path: 'example.com/b', version: 'v1.0.0' }] }],
      ['v1.1.0', { module: 'example.com/a', go: '1.21', require: [{ path: 'example.com/b', version: 'v1.2.0' }] }],
    ]),
    mod('example.com/b', [
      ['v1.0.0', { module: 'example.com/b', go: '1.16' }],
      ['v1.2.0', { module: 'example.com/b', go: '1.17', require: [{ path: 'example.com/Azure/c/v2', version: 'v2.0.0' }] }],
      ['v1.3.0', { module: extra.bDeclares ?? 'example.com/b', go: extra.bGo ?? '1.17' }],
    ]),
    mod('example.com/Azure/c/v2', [['v2.0.0', { module: 'example.com/Azure/c/v2' }]]),
    mod('example.com/d', [
      ['v1.0.0', { module: 'example.com/d' }],
      ['v2.0.0+incompatible', null],
    ]),
  ];
}

const COMMANDS: readonly (readonly string[])[] = [
  ['list', '-m', 'all'],
  ['list', '-m', '-json', 'all'],
  ['mod', 'graph'],
  ['mod', 'edit', '-json'],
];

interface CaseSpec {
  readonly name: string;
  readonly expectedError: string;
  readonly main?: GoModSpec;
  readonly mainText?: string;
  readonly modules?: UniverseModule[];
  readonly sumEdits?: SumEdits;
  readonly files?: Record<string, string>;
  readonly work?: { files: Record<string, string>; sumFiles: string[]; runDir?: string };
}

const MAIN = 'example.com/errmain';

function main(spec: Partial<GoModSpec>): GoModSpec {
  return {
    module: MAIN,
    go: '1.21',
    require: [
      { path: 'example.com/a', version: 'v1.0.0' },
      { path: 'example.com/b', version: 'v1.0.0' },
    ],
    ...spec,
  };
}

const CASES: readonly CaseSpec[] = [
  {
    name: 'missing-version-direct',
    expectedError: 'no such file or directory',
    main: main({ require: [{ path: 'example.com/a', version: 'v1.9.0' }] }),
    sumEdits: { add: [`example.com/a v1.9.0/go.mod ${goModSum('module example.com/a\n')}`] },
  },
  {
    name: 'missing-version-transitive-unpruned',
    expectedError: 'no such file or directory',
    main: main({ go: '1.16', require: [{ path: 'example.com/d', version: 'v1.0.0' }] }),
    modules: [
      ...baseModules().filter((m) => m.path !== 'example.com/d'),
      mod('example.com/d', [
        ['v1.0.0', { module: 'example.com/d', require: [{ path: 'example.com/b', version: 'v1.7.0' }] }],
      ]),
    ],
    sumEdits: { add: [`example.com/b v1.7.0/go.mod ${goModSum('module example.com/b\n')}`] },
  },
  {
    name: 'missing-version-no-sum',
    expectedError: 'missing go.sum entry',
    main: main({ require: [{ path: 'example.com/a', version: 'v1.9.0' }] }),
  },
  {
    name: 'checksum-mismatch',
    expectedError: 'checksum mismatch',
    main: main({}),
    sumEdits: { corrupt: ['example.com/b v1.0.0/go.mod'] },
  },
  {
    name: 'missing-sum-line',
    expectedError: 'missing go.sum entry',
    main: main({}),
    sumEdits: { drop: ['example.com/a v1.0.0/go.mod'] },
  },
  {
    name: 'missing-sum-line-transitive',
    expectedError: 'missing go.sum entry',
    // Unpruned, so that the go.mod of b's own requirement is loaded too.
    main: main({ go: '1.16', require: [{ path: 'example.com/b', version: 'v1.2.0' }] }),
    sumEdits: { drop: ['example.com/Azure/c/v2 v2.0.0/go.mod'] },
  },
  {
    name: 'excluded-required-version',
    expectedError: 'ignoring requirement on excluded version',
    main: main({ exclude: [{ path: 'example.com/b', version: 'v1.0.0' }] }),
  },
  {
    name: 'inconsistent-requirements',
    expectedError: 'updates to go.mod needed',
    main: main({ require: [{ path: 'example.com/a', version: 'v1.1.0' }, { path: 'example.com/b', version: 'v1.0.0' }] }),
  },
  {
    name: 'main-go-too-new',
    expectedError: 'requires go >= 1.99',
    main: main({ go: '1.99' }),
  },
  {
    name: 'dependency-go-too-new',
    expectedError: 'requires go >= 1.99',
    main: main({ require: [{ path: 'example.com/b', version: 'v1.3.0' }] }),
    modules: baseModules({ bGo: '1.99' }),
  },
  {
    name: 'module-path-mismatch',
    expectedError: 'module declares its path as',
    main: main({ require: [{ path: 'example.com/b', version: 'v1.3.0' }] }),
    modules: baseModules({ bDeclares: 'example.com/elsewhere' }),
  },
  {
    name: 'wrong-major-version',
    expectedError: 'should be v0 or v1, not v2',
    main: main({ require: [{ path: 'example.com/a', version: 'v2.0.0' }] }),
  },
  {
    name: 'syntax-error',
    expectedError: 'unknown directive',
    mainText: `module ${MAIN}\n\ngo 1.21\n\nrequir example.com/a v1.0.0\n`,
  },
  {
    name: 'replacement-dir-without-go-mod',
    expectedError: 'no such file or directory',
    main: main({ replace: [{ oldPath: 'example.com/a', newPath: './nowhere' }] }),
  },
  {
    name: 'workspace-go-line-below-member',
    expectedError: 'listed in go.work file requires go >= 1.22.3',
    work: {
      files: {
        'go.work': renderGoWork({ go: '1.21', use: ['./m'] }),
        'm/go.mod': renderGoMod({ module: 'example.com/ws/m', go: '1.22.3', require: [{ path: 'example.com/a', version: 'v1.0.0' }] }),
      },
      sumFiles: ['m/go.sum'],
    },
  },
  {
    name: 'workspace-conflicting-replacements',
    expectedError: 'conflicting replacements',
    work: {
      files: {
        'go.work': renderGoWork({ go: '1.22', use: ['./m', './n'] }),
        'm/go.mod': renderGoMod({
          module: 'example.com/ws/m',
          go: '1.22',
          require: [{ path: 'example.com/a', version: 'v1.0.0' }],
          replace: [{ oldPath: 'example.com/b', newPath: 'example.com/b', newVersion: 'v1.2.0' }],
        }),
        'n/go.mod': renderGoMod({
          module: 'example.com/ws/n',
          go: '1.22',
          require: [{ path: 'example.com/b', version: 'v1.0.0' }],
          replace: [{ oldPath: 'example.com/b', newPath: 'example.com/b', newVersion: 'v1.3.0' }],
        }),
      },
      sumFiles: ['go.work.sum'],
      runDir: 'm',
    },
  },
];

/**
 * errorCaseUniverses returns the hand-made universes the go command refuses.
 *
 * Their seeds are small fixed numbers (1..n) in a space of their own; their names say which rule
 * each one breaks.
 */
export function errorCaseUniverses(): Universe[] {
  return CASES.map((c, i): Universe => {
    const workspace = c.work !== undefined;
    const files: Record<string, string> = workspace
      ? { ...c.work!.files }
      : { 'go.mod': c.mainText ?? renderGoMod(c.main!), ...(c.files ?? {}) };
    return {
      seed: i + 1,
      name: `error-${c.name}`,
      intent: 'error',
      modules: c.modules ?? baseModules(),
      files,
      sumFiles: workspace ? c.work!.sumFiles : ['go.sum'],
      ...(c.sumEdits ? { sumEdits: c.sumEdits } : {}),
      runDir: c.work?.runDir ?? '.',
      gowork: workspace ? 'discover' : 'off',
      commands: workspace ? [...COMMANDS, ['work', 'edit', '-json']] : COMMANDS,
      tags: ['error-case', `error:${c.name}`],
      expectedError: c.expectedError,
    };
  });
}
