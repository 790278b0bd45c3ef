/** Usage texts of gomodx and its verbs. */
export const HELP: Record<string, string> = {
  gomodx: `gomodx explores Go module graphs with the go command's own rules.

Usage:
  gomodx [-C dir] <command> [arguments]

Commands:
  list -m [-json] all      the build list, as 'go list -m [-json] all' prints it
  graph                    the module requirement graph, as 'go mod graph' prints it
  mod graph                same as graph
  mod edit -json|-print    the main go.mod, as 'go mod edit -json|-print' prints it
  work edit -json|-print   the go.work file, as 'go work edit -json|-print' prints it

Flags:
  -C dir   change to dir before doing anything

Run 'gomodx <command> --help' for details. The environment (GOPROXY, GOMODCACHE, GOFLAGS,
GOPRIVATE, GONOPROXY, GONOSUMDB, GOWORK, GOENV...) is read as the go command reads it.
Downloads are kept in $GOMODX_CACHE (default ~/.cache/gomodx); the module cache is only read.
`,
  list: `usage: gomodx list -m [-json] all

Lists the build list (the selected version of every module in the build), main modules
first, exactly as 'go list -m all' does, with replacements shown as 'path version => new'.
With -json, each module is printed as 'go list -m -json all' prints it.
Like go in -mod=readonly, it refuses a go.mod that needs updates, a missing go.sum entry,
a missing module, or a checksum mismatch, and names the requirement chain.
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
  'work edit': `usage: gomodx work edit -json | -print [go.work]

Prints the go.work file as 'go work edit -json' or 'go work edit -print' prints it. It never
writes the file.
`,
};
