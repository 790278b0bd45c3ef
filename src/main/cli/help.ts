/** Usage texts of gomodx and its verbs. */
export const HELP: Record<string, string> = {
  gomodx: `gomodx explores Go module graphs with the go command's own rules.

Usage:
  gomodx [-C dir] <command> [arguments]

Commands:
  list -m [-json] all      the build list, as 'go list -m [-json] all' prints it
  list -m -versions|-u ... available versions and upgrades, as 'go list -m' prints them
  why -m [-json] MOD...    why each module is at its version: requirers, chains, losers
  get [--dry-run] ARG...   what 'go get ARG...' does to go.mod and go.sum (preview or write)
  graph                    the module requirement graph, as 'go mod graph' prints it
  vuln [-json]             known vulnerabilities of the build list (govulncheck -scan module)
  vuln fix [--dry-run]     the smallest go get that fixes them: previewed, or written
  mod graph                same as graph
  mod init [--dry-run] [M] a new go.mod, converting a pre-module lock file (Gopkg.lock...) as go 1.21 did
  mod edit -json|-print    the main go.mod, as 'go mod edit -json|-print' prints it
  work edit -json|-print   the go.work file, as 'go work edit -json|-print' prints it
  serve [dir]              the explorer in a browser, over loopback HTTP
  version                  which Go version gomodx models here, and why

Flags:
  -C dir   change to dir before doing anything

Run 'gomodx <command> --help' for details. The environment (GOPROXY, GOMODCACHE, GOFLAGS,
GOPRIVATE, GONOPROXY, GONOSUMDB, GOWORK, GOENV...) is read as the go command reads it.
Downloads are kept in $GOMODX_CACHE (default ~/.cache/gomodx); the module cache is only read.
gomodx answers as the Go toolchain your go command would run here: the go on PATH, or the
newer one that GOTOOLCHAIN and the go and toolchain lines of go.work/go.mod switch it to.
`,
  version: `usage: gomodx version

Says which Go version gomodx models in the current directory and why: the go command on PATH
(asked once for its version, remembered per binary in $GOMODX_CACHE; without one, the newest
Go gomodx knows), then toolchain selection as the go command does it: GOTOOLCHAIN (local,
auto, path, goX.Y.Z, goX.Y.Z+auto, goX.Y.Z+path; from the environment, the go env file or
GOROOT/go.env) and the go and toolchain lines of go.work, else go.mod. Where the go command
would refuse to start, it says so.
`,
  list: `usage: gomodx list -m [-json] all
       gomodx list -m [-json] [-u] [-versions] [-retracted] MOD|MOD@VERSION|all|PATTERN...

Lists the build list (the selected version of every module in the build), main modules
first, exactly as 'go list -m all' does, with replacements shown as 'path version => new'.
With -json, each module is printed as 'go list -m -json all' prints it.
Like go in -mod=readonly, it refuses a go.mod that needs updates, a missing go.sum entry,
a missing module, or a checksum mismatch, and names the requirement chain.
With -versions, prints each module's available versions (excluded and retracted ones
omitted unless -retracted); with -u, adds the available upgrade, '(retracted)' and
'(deprecated)' markers; MOD@VERSION resolves a version query ('latest', 'v1.2', '>=v1.0.0').
`,
  why: `usage: gomodx why -m [-json] [-all] [-max-paths=N] [-deep] [-retracted] MOD...

Explains why each module is in the build at its version, over the graph 'go mod graph'
prints: the requirements that ask for exactly the selected version with the shortest chain
of requirements from a main module to each (-all: every simple chain, at most N), every
requirement on the module with the version it asks for, the versions that lost and why
(lower, excluded; -deep also reads go.mod files of pruned-out and replaced modules;
-retracted looks up retractions), and the replacement in effect with the file declaring it.
The text form is an inverted tree of requirers (like 'cargo tree -i'); -json prints one
object per module: Path, Version, Reasons, Requirers, Unselected, Replace.
`,
  get: `usage: gomodx get [--dry-run] [-json] [-v] [-u | -u=patch] ARG...

Does what 'go get ARG...' does to the main module: ARG is path, path@version, path@none,
or path@query (latest, upgrade, patch, v1, v1.2, <v1.3.0, >=v1.2.0, ...); go@V and
toolchain@V set the go and toolchain lines. Requested versions are kept; other
requirements move down as needed, as go's editRequirements does, or the arguments conflict.
It prints go's stderr lines (warnings, 'go: upgraded X v1 => v2', ...) and writes go.mod
and go.sum as go writes them, in place, refusing if go.mod changed since it was read.
With --dry-run it writes nothing and prints a unified diff of go.mod (and the go.sum lines
it would add); -json prints the whole preview (changes with reasons, new requirements and
build list) and writes nothing. -u upgrades the modules providing packages imported by the
named packages (read from module zips); tests (-t) and wildcard patterns are not supported.
`,
  graph: `usage: gomodx graph

Prints the module requirement graph, one 'from to' edge per line, exactly as 'go mod graph'
does: breadth-first from the main module(s), edges in go.mod order, versions before
replacement. Like go, it fixes an inconsistent go.mod in memory and writes nothing.
`,
  'mod edit': `usage: gomodx mod edit -json | -print [go.mod]

Prints the go.mod file as 'go mod edit -json' (JSON) or 'go mod edit -print' (go.mod text)
prints it. It never writes the file.
`,
  serve: `usage: gomodx serve [dir] [--no-open] [--port N]

Serves the Go Module Explorer window to a browser: the same page and the same backend as the
desktop app, over HTTP on 127.0.0.1 only. It prints the URL to open, with a random token, on
one line, and opens it in the default browser unless --no-open is given. Every request
without the token, or whose Host or Origin is not the server itself, is refused.
With dir (or from a directory holding go.mod or go.work), that project opens at once.
--port N listens on port N instead of a free one. Ctrl+C stops the server.
`,
  'mod init': `usage: gomodx mod init [--dry-run] [module-path]

Creates go.mod in the current directory as 'go mod init' does, and converts the first
pre-module lock file it finds as Go 1.11 to 1.21 did (Go 1.22 dropped the conversion):
Gopkg.lock (dep), GLOCKFILE, Godeps/Godeps.json, dependencies.tsv, glide.lock, vendor.conf,
vendor.yml, vendor/manifest, vendor/vendor.json. Each entry is resolved through GOPROXY (or
directly, as GOPRIVATE/GONOPROXY say) to the module that provides the package at that
revision; revisions become go's versions, dep's source becomes a replace, entries of one
module are merged to the highest. Entries that cannot be resolved are dropped with go's
'go: converting' message. Without module-path, it is inferred as go infers it (import
comments, Godeps.json ImportPath, vendor.json rootPath, GOPATH). The go line is the Go
version gomodx models. It refuses if go.mod exists; --dry-run prints go.mod instead of
writing it. Run 'go mod tidy' afterwards: it adds what the packages need and go.sum.
`,
  vuln: `usage: gomodx vuln [-json] [--db=URL|proxy] [--refresh]
       gomodx vuln fix [--dry-run] [-json] [--db=URL|proxy] [--refresh] [ID|MODULE...]

Matches every module version of the build list (after replacements; directory replacements
are skipped), and the standard library and toolchain at the Go version gomodx models here,
against the Go vulnerability database, with govulncheck's rules. Unlike govulncheck's module
scan, which looks only at modules whose packages the code imports, every selected module is
checked. -json prints govulncheck's JSON messages (config, osv, finding). Exit status 3 means
vulnerabilities were found (as govulncheck).

The database: --db, else GOVULNDB (a URL in govulncheck's layout, http(s) or file://), else a
copy fetched in the last day, else https://vuln.go.dev, else golang.org/x/vulndb through
GOPROXY (--db=proxy asks for that one). Copies are kept in $GOMODX_CACHE/vulndb and used
offline; --refresh fetches again. A line on stderr says which database and how old it is.

vuln fix computes the go get that lifts each chosen vulnerable module (default: every
finding with a fixed version; or those named by ID, alias or module path) to its lowest
fixed version; where the module cannot be required at a fixed version, the lowest version of
a direct requirement that brings it there; and says what no go get fixes. It prints the
plan and, with --dry-run, go get's report and the go.mod diff; otherwise it writes go.mod
and go.sum as 'gomodx get' (and go get) would. Standard library and toolchain findings need
a newer Go and are not part of the plan. GOMODX_VULN_TRACE=1 prints each go get the planner
previews, with its time.
`,
  'work edit': `usage: gomodx work edit -json | -print [go.work]

Prints the go.work file as 'go work edit -json' or 'go work edit -print' prints it. It never
writes the file.
`,
};
