//! The frames of the generated files, from askama templates in `templates/`
//! (compiled into ard2go, which stays a single binary).
//!
//! A template gets plain, already-decided data: names, sorted imports, lists
//! of fields and the lines of code the lowering built (`lower/code.rs`). Every
//! decision (which modules have state, which import needs an alias, whether
//! the initialiser uses `s`) is made in Rust before rendering; a template
//! only lays the pieces out.
//!
//! askama drops the final newline of a template file: [`file`] puts it back,
//! so a file template ends exactly like the file it produces; [`fragment`]
//! renders a piece of a file without it.

use askama::Template;

/// Renders a whole file (it ends with a newline).
pub fn file(t: &impl Template) -> String {
    let mut s = fragment(t);
    s.push('\n');
    s
}

/// Renders a piece of a file, without a final newline.
pub fn fragment(t: &impl Template) -> String {
    // Only plain strings, booleans and lists are rendered: nothing can fail.
    t.render()
        .expect("rendering plain strings into a String cannot fail")
}

/// One import of a generated Go file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoImport {
    /// The name the file uses for the package, when it differs from the
    /// last element of the path.
    pub alias: Option<String>,
    pub path: String,
}

impl GoImport {
    /// The import of `path`: a standard-library package of the runtime
    /// (`ard2go.dev/rt/io`, package `ardio`) is named explicitly.
    pub fn of(path: &str) -> GoImport {
        let alias = path
            .strip_prefix(crate::build::RUNTIME_MODULE)
            .and_then(|rest| rest.strip_prefix('/'))
            .map(|m| format!("ard{m}"));
        GoImport {
            alias,
            path: path.to_string(),
        }
    }
}

/// `go.mod` of a generated program.
#[derive(Template)]
#[template(path = "go.mod.tmpl", escape = "none")]
pub struct GoMod<'a> {
    pub module: &'a str,
    pub go_version: &'a str,
    /// The runtime's module path, replaced by the copy in `runtime_dir`.
    pub runtime_module: &'a str,
    pub runtime_dir: &'a str,
}

/// The Go file of one Ard module (`main.go`, `mod_*.go`, `ard_std_*.go`).
#[derive(Template)]
#[template(path = "module.go.tmpl", escape = "none")]
pub struct ModuleFile<'a> {
    /// Sorted by path.
    pub imports: &'a [GoImport],
    /// The declarations, line by line.
    pub body: &'a [String],
}

/// A module's state struct and its initialiser.
#[derive(Template)]
#[template(path = "state.go.tmpl", escape = "none")]
pub struct ModuleState<'a> {
    /// The Ard module path, for the comments.
    pub path: &'a str,
    /// The state struct type.
    pub state: &'a str,
    pub fields: Vec<Field>,
    /// The initialiser method.
    pub init: &'a str,
    /// The world's field that holds this module's state.
    pub world_field: &'a str,
    /// World fields of the imported stateful modules, initialised first (in
    /// `use` order, F4).
    pub imported: Vec<String>,
    /// The top-level statements, line by line.
    pub body: &'a [String],
    /// No statement uses the state `s` / the `script` flag: discard it.
    pub discard_state: bool,
    pub discard_script: bool,
}

/// A top-level value computed once and shared by every world.
#[derive(Template)]
#[template(path = "shared.go.tmpl", escape = "none")]
pub struct SharedValue<'a> {
    /// The accessor function.
    pub name: &'a str,
    pub ty: &'a str,
    /// The backing variable and its `sync.Once`.
    pub var: &'a str,
    pub once: &'a str,
    /// The initialiser (assigning `var`), line by line.
    pub body: &'a [String],
}

/// A field of a generated struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub ty: String,
}

/// `ard_world.go`: the world struct, its lazy accessors and `func main`.
#[derive(Template)]
#[template(path = "world.go.tmpl", escape = "none")]
pub struct WorldFile<'a> {
    pub imports: &'a [GoImport],
    /// The modules with state, in module order.
    pub modules: Vec<WorldModule>,
    /// The initialisers the main program runs, in initialisation order.
    pub inits: Vec<WorldInit>,
    /// The Ard `main` function, if any.
    pub main: Option<MainCall>,
}

/// A module with state, as the world sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorldModule {
    /// The world's field (its accessor is `field_`).
    pub field: String,
    /// The state struct type.
    pub state: String,
    /// The initialiser method.
    pub init: String,
}

/// One initialiser call of the main program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorldInit {
    pub init: String,
    /// Run the module's script statements too (only the entry module's).
    pub script: bool,
}

/// The call of the Ard `main` function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MainCall {
    pub name: String,
    pub takes_world: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn std_packages_are_named_explicitly() {
        assert_eq!(
            GoImport::of("ard2go.dev/rt/io"),
            GoImport {
                alias: Some("ardio".into()),
                path: "ard2go.dev/rt/io".into()
            }
        );
        assert_eq!(GoImport::of("ard2go.dev/rt").alias, None);
        assert_eq!(GoImport::of("strings").alias, None);
    }

    #[test]
    fn module_file_without_imports_has_no_import_block() {
        let body = ["func f() {".to_string(), "}".to_string(), String::new()];
        let text = file(&ModuleFile {
            imports: &[],
            body: &body,
        });
        assert_eq!(
            text,
            "// Code generated by ard2go. DO NOT EDIT.\n\npackage main\n\nfunc f() {\n}\n\n"
        );
    }

    #[test]
    fn module_file_lists_imports_with_aliases() {
        let imports = [GoImport::of("ard2go.dev/rt/io"), GoImport::of("sync")];
        let text = file(&ModuleFile {
            imports: &imports,
            body: &["var x sync.Mutex".to_string()],
        });
        assert!(
            text.ends_with(
                "package main\n\nimport (\n\tardio \"ard2go.dev/rt/io\"\n\t\"sync\"\n)\n\nvar x sync.Mutex\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn world_without_state_or_main_still_runs() {
        let text = file(&WorldFile {
            imports: &[GoImport::of("ard2go.dev/rt")],
            modules: Vec::new(),
            inits: Vec::new(),
            main: None,
        });
        assert!(
            text.contains("type world struct {\n}\n\nfunc newWorld()"),
            "{text}"
        );
        assert!(
            text.ends_with("\t\tw := newWorld()\n\t\t_ = w\n\t})\n}\n"),
            "{text}"
        );
    }

    #[test]
    fn state_discards_what_it_does_not_use() {
        let text = fragment(&ModuleState {
            path: "m",
            state: "ard_m_state",
            fields: vec![Field {
                name: "x".into(),
                ty: "int".into(),
            }],
            init: "ard_init_m",
            world_field: "ard_m",
            imported: vec!["ard_io".into()],
            body: &[],
            discard_state: true,
            discard_script: true,
        });
        assert!(
            text.contains("type ard_m_state struct {\n\tx int\n}\n"),
            "{text}"
        );
        assert!(
            text.ends_with("\tw.ard_m = s\n\tw.ard_io_()\n\t_ = s\n\t_ = script\n}"),
            "{text}"
        );
    }
}

/// `ard_test.go`: the Go test harness of `ard2go test` (issue 13).
#[derive(Template)]
#[template(path = "test_harness.go.tmpl", escape = "none")]
pub struct TestHarness<'a> {
    /// `testing` and the runtime's `ardtesting`, sorted by path.
    pub imports: &'a [GoImport],
    pub tests: Vec<HarnessTest>,
}

/// One Ard test in the harness.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HarnessTest {
    /// The Go test function.
    pub go_name: String,
    /// The Ard name (`math::adds`) and where the test is declared.
    pub name: String,
    pub file: String,
    pub line: usize,
    /// The call of the runner (`ardtesting.Run`, or `RunIn` with a fresh
    /// world for a test function that needs one).
    pub call: String,
}
