// Command xmod-driver runs the x/mod modfile package vendored in the local Go distribution for
// the differential tests: it applies edit sequences to go.mod files (edit-xmod.test.ts) and
// parses files strictly, laxly, as go.work, or with a version fixer (parse-xmod.test.ts). It reads
// a JSON object {Edits, Parses} from stdin and writes the matching results to stdout.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"xmod/xm/modfile"
	"xmod/xm/module"
)

type req struct {
	Path     string
	Version  string
	Indirect bool
}

type op struct {
	Name string
	Args []string
	Reqs []req
}

type testCase struct {
	In  string
	Ops []op
}

type result struct {
	Out     string
	Err     string
	Require []string
}

func apply(f *modfile.File, o op) error {
	a := o.Args
	switch o.Name {
	case "addRequire":
		return f.AddRequire(a[0], a[1])
	case "addNewRequire":
		f.AddNewRequire(a[0], a[1], a[2] == "true")
	case "dropRequire":
		return f.DropRequire(a[0])
	case "setRequire", "setRequireSeparateIndirect":
		var rs []*modfile.Require
		for _, r := range o.Reqs {
			rs = append(rs, &modfile.Require{Mod: module.Version{Path: r.Path, Version: r.Version}, Indirect: r.Indirect})
		}
		if o.Name == "setRequire" {
			f.SetRequire(rs)
		} else {
			f.SetRequireSeparateIndirect(rs)
		}
	case "addGoStmt":
		return f.AddGoStmt(a[0])
	case "dropGoStmt":
		f.DropGoStmt()
	case "addToolchainStmt":
		return f.AddToolchainStmt(a[0])
	case "dropToolchainStmt":
		f.DropToolchainStmt()
	case "addExclude":
		return f.AddExclude(a[0], a[1])
	case "dropExclude":
		return f.DropExclude(a[0], a[1])
	case "addReplace":
		return f.AddReplace(a[0], a[1], a[2], a[3])
	case "dropReplace":
		return f.DropReplace(a[0], a[1])
	case "addRetract":
		return f.AddRetract(modfile.VersionInterval{Low: a[0], High: a[1]}, a[2])
	case "dropRetract":
		return f.DropRetract(modfile.VersionInterval{Low: a[0], High: a[1]})
	case "addTool":
		return f.AddTool(a[0])
	case "dropTool":
		return f.DropTool(a[0])
	case "addIgnore":
		return f.AddIgnore(a[0])
	case "dropIgnore":
		return f.DropIgnore(a[0])
	case "addGodebug":
		return f.AddGodebug(a[0], a[1])
	case "dropGodebug":
		return f.DropGodebug(a[0])
	case "addModuleStmt":
		return f.AddModuleStmt(a[0])
	case "addComment":
		f.AddComment(a[0])
	case "sortBlocks":
		f.SortBlocks()
	case "cleanup":
		f.Cleanup()
	default:
		return fmt.Errorf("unknown op %s", o.Name)
	}
	return nil
}

func run(c testCase) (res result) {
	defer func() {
		if e := recover(); e != nil {
			res = result{Err: fmt.Sprintf("panic: %v", e)}
		}
	}()
	f, err := modfile.Parse("go.mod", []byte(c.In), nil)
	if err != nil {
		return result{Err: "parse: " + err.Error()}
	}
	for _, o := range c.Ops {
		if err := apply(f, o); err != nil {
			return result{Err: o.Name + ": " + err.Error()}
		}
	}
	out, _ := f.Format()
	res.Out = string(out)
	for _, r := range f.Require {
		ind := ""
		if r.Indirect {
			ind = " // indirect"
		}
		res.Require = append(res.Require, r.Mod.Path+" "+r.Mod.Version+ind)
	}
	sort.Strings(res.Require)
	return res
}

type parseCase struct {
	Mode string // "strict", "lax" or "work"
	Fix  bool
	In   string
}

type parseResult struct {
	Err        string
	Module     string
	Deprecated string
	Go         string
	Toolchain  string
	Godebug    []string
	Require    []string
	Exclude    []string
	Replace    []string
	Retract    []string
	Tool       []string
	Ignore     []string
	Use        []string
	Out        string
}

// fix is a deterministic VersionFixer exercising every way a fixer can answer.
func fix(path, vers string) (string, error) {
	switch {
	case vers == "bad":
		return "", fmt.Errorf("plain error for %s", path)
	case strings.HasPrefix(vers, "x"):
		return "", &module.ModuleError{Path: path, Err: errors.New("module error")}
	case module.CanonicalVersion(vers) != "":
		return module.CanonicalVersion(vers), nil
	default:
		return "v" + vers, nil
	}
}

func parse(c parseCase) (res parseResult) {
	defer func() {
		if e := recover(); e != nil {
			res = parseResult{Err: fmt.Sprintf("panic: %v", e)}
		}
	}()
	var fixer modfile.VersionFixer
	if c.Fix {
		fixer = fix
	}
	if c.Mode == "work" {
		w, err := modfile.ParseWork("go.work", []byte(c.In), fixer)
		if err != nil {
			return parseResult{Err: err.Error()}
		}
		if w.Go != nil {
			res.Go = w.Go.Version
		}
		if w.Toolchain != nil {
			res.Toolchain = w.Toolchain.Name
		}
		for _, g := range w.Godebug {
			res.Godebug = append(res.Godebug, g.Key+"="+g.Value)
		}
		for _, u := range w.Use {
			res.Use = append(res.Use, u.Path)
		}
		for _, r := range w.Replace {
			res.Replace = append(res.Replace, r.Old.String()+" => "+r.New.String())
		}
		res.Out = string(modfile.Format(w.Syntax))
		return res
	}
	parseFn := modfile.Parse
	if c.Mode == "lax" {
		parseFn = modfile.ParseLax
	}
	f, err := parseFn("go.mod", []byte(c.In), fixer)
	if err != nil {
		return parseResult{Err: err.Error()}
	}
	if f.Module != nil {
		res.Module = f.Module.Mod.Path
		res.Deprecated = f.Module.Deprecated
	}
	if f.Go != nil {
		res.Go = f.Go.Version
	}
	if f.Toolchain != nil {
		res.Toolchain = f.Toolchain.Name
	}
	for _, g := range f.Godebug {
		res.Godebug = append(res.Godebug, g.Key+"="+g.Value)
	}
	for _, r := range f.Require {
		res.Require = append(res.Require, fmt.Sprintf("%s %s %v", r.Mod.Path, r.Mod.Version, r.Indirect))
	}
	for _, x := range f.Exclude {
		res.Exclude = append(res.Exclude, x.Mod.String())
	}
	for _, r := range f.Replace {
		res.Replace = append(res.Replace, r.Old.String()+" => "+r.New.String())
	}
	for _, r := range f.Retract {
		res.Retract = append(res.Retract, fmt.Sprintf("[%s, %s] %q", r.Low, r.High, r.Rationale))
	}
	for _, t := range f.Tool {
		res.Tool = append(res.Tool, t.Path)
	}
	for _, t := range f.Ignore {
		res.Ignore = append(res.Ignore, t.Path)
	}
	res.Out = string(modfile.Format(f.Syntax))
	return res
}

func main() {
	var in struct {
		Edits  []testCase
		Parses []parseCase
	}
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var out struct {
		Edits  []result
		Parses []parseResult
	}
	out.Edits = make([]result, len(in.Edits))
	for i, c := range in.Edits {
		out.Edits[i] = run(c)
	}
	out.Parses = make([]parseResult, len(in.Parses))
	for i, c := range in.Parses {
		out.Parses[i] = parse(c)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
