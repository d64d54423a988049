//! The build stage against the real Go toolchain.
//!
//! Each test runs in a fresh copy of this test binary (see [`isolated`]) with
//! its own TMPDIR and ARD2GO_CACHE, so tests can check that nothing is left
//! in TMPDIR, never touch the user's ard2go cache, and never change the
//! environment of a running process. Go's own GOCACHE is kept (warm builds).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ard2go::build::{
    BuildError, BuildOptions, EMIT_MARKER, GoModule, Toolchain, build_binary, find_go, go_vet,
    gofmt_check, write_module_dir,
};

const CHILD_ENV: &str = "ARD2GO_BUILD_TEST_ROOT";

const HELLO: &str = r#"package main

import (
	"fmt"

	_ "ard2go.dev/rt"
)

func main() {
	fmt.Println("hello from go")
}
"#;

/// Runs the test `name` in a child process with TMPDIR=<root>/tmp and
/// ARD2GO_CACHE=<root>/cache; in the child, runs `body` with the root.
fn isolated(name: &str, body: impl FnOnce(&Path)) {
    if let Some(root) = std::env::var_os(CHILD_ENV) {
        body(Path::new(&root));
        return;
    }
    let root = tempfile::tempdir().unwrap();
    fs::create_dir(root.path().join("tmp")).unwrap();
    let out = child_test(name, root.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Shown with --nocapture (e.g. the cache-hit time).
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "child test {name} failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn child_test(name: &str, root: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, root)
        .env("TMPDIR", root.join("tmp"))
        .env("ARD2GO_CACHE", root.join("cache"));
    cmd
}

fn go() -> Toolchain {
    find_go(None).expect("these tests need Go 1.21+ on PATH")
}

fn module(main_go: &str) -> GoModule {
    GoModule::new(vec![("main.go".to_string(), main_go.to_string())])
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

fn run(binary: &Path) -> String {
    let out = Command::new(binary).output().unwrap();
    assert!(out.status.success(), "{binary:?} failed: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn out_dir(root: &Path) -> PathBuf {
    let dir = root.join("out");
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn builds_runs_and_then_hits_the_cache() {
    isolated("builds_runs_and_then_hits_the_cache", |root| {
        let tc = go();
        assert!(tc.version >= (1, 21, 0));
        let out = out_dir(root).join("hello");
        let report = build_binary(&tc, &module(HELLO), &out, &BuildOptions::default()).unwrap();
        assert!(!report.cache_hit);
        assert_eq!(run(&out), "hello from go\n");
        assert_eq!(names(&root.join("cache/bin")).len(), 1);

        // Same program again, over the existing binary: served from the cache.
        let start = Instant::now();
        let report = build_binary(&tc, &module(HELLO), &out, &BuildOptions::default()).unwrap();
        let took = start.elapsed();
        eprintln!("cache hit took {took:?}");
        assert!(report.cache_hit);
        assert!(took < Duration::from_millis(500), "cache hit took {took:?}");
        assert_eq!(run(&out), "hello from go\n");

        // Other options are another cache entry.
        let other = BuildOptions {
            cgo: true,
            ..BuildOptions::default()
        };
        let report = build_binary(&tc, &module(HELLO), &out, &other).unwrap();
        assert!(!report.cache_hit);
        assert_eq!(names(&root.join("out")), ["hello"]);
        assert_eq!(names(&root.join("tmp")), Vec::<String>::new());
    });
}

#[test]
fn unusable_cache_is_not_fatal() {
    isolated("unusable_cache_is_not_fatal", |root| {
        // ARD2GO_CACHE names a file, so the cache can be neither read nor written.
        fs::write(root.join("cache"), "not a folder").unwrap();
        let out = out_dir(root).join("hello");
        for _ in 0..2 {
            let report =
                build_binary(&go(), &module(HELLO), &out, &BuildOptions::default()).unwrap();
            assert!(!report.cache_hit);
            assert_eq!(run(&out), "hello from go\n");
        }
        assert_eq!(names(&root.join("tmp")), Vec::<String>::new());
    });
}

#[test]
fn rejected_program_is_an_internal_error_and_leaves_nothing() {
    isolated(
        "rejected_program_is_an_internal_error_and_leaves_nothing",
        |root| {
            let tc = go();
            let out = out_dir(root).join("app");
            fs::write(&out, "previous binary").unwrap();
            let bad = module("package main\n\nfunc main() { undefinedThing() }\n");
            let err = build_binary(&tc, &bad, &out, &BuildOptions::default()).unwrap_err();
            assert!(matches!(err, BuildError::GoBuildFailed { .. }), "{err}");
            assert_eq!(err.exit_code(), 101);
            let text = err.to_string();
            assert!(
                text.starts_with("ard2go bug: go build rejected the generated code"),
                "{text}"
            );
            assert!(text.contains("undefinedThing"), "{text}");
            assert_eq!(fs::read_to_string(&out).unwrap(), "previous binary");
            assert_eq!(names(&root.join("out")), ["app"]);
            assert_eq!(names(&root.join("tmp")), Vec::<String>::new());
            assert_eq!(names(&root.join("cache/bin")), Vec::<String>::new());
        },
    );
}

#[test]
fn missing_output_folder_is_a_clear_error() {
    isolated("missing_output_folder_is_a_clear_error", |root| {
        let out = root.join("no/such/dir/app");
        let err = build_binary(&go(), &module(HELLO), &out, &BuildOptions::default()).unwrap_err();
        assert!(matches!(err, BuildError::OutputNotWritable { .. }), "{err}");
        assert_eq!(err.exit_code(), 2);
        assert!(!err.to_string().contains('\n'));
        assert_eq!(names(&root.join("tmp")), Vec::<String>::new());
    });
}

#[test]
fn emitted_module_builds_with_plain_go_build() {
    isolated("emitted_module_builds_with_plain_go_build", |root| {
        let tc = go();
        let dir = root.join("emitted");
        write_module_dir(&module(HELLO), &dir).unwrap();
        assert!(dir.join(EMIT_MARKER).is_file());
        assert!(dir.join("rt/go.mod").is_file());
        // Plain `go build`: default flags, only kept offline.
        let status = Command::new(&tc.go)
            .args(["build", "-o", "prog", "."])
            .current_dir(&dir)
            .env("GOFLAGS", "")
            .env("GOPROXY", "off")
            .env("GOTOOLCHAIN", "local")
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(run(&dir.join("prog")), "hello from go\n");

        // A second emit replaces ard2go's own folder (and the stray binary).
        write_module_dir(&module(HELLO), &dir).unwrap();
        assert!(!dir.join("prog").exists());
        assert_eq!(names(root), ["emitted", "tmp"]);
    });
}

#[test]
fn emit_refuses_a_folder_it_did_not_make() {
    isolated("emit_refuses_a_folder_it_did_not_make", |root| {
        let dir = root.join("project");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("main.ard"), "user code").unwrap();
        let err = write_module_dir(&module(HELLO), &dir).unwrap_err();
        assert!(matches!(err, BuildError::EmitDirNotOurs { .. }), "{err}");
        assert!(err.to_string().contains("refusing to overwrite"), "{err}");
        assert_eq!(names(&dir), ["main.ard"]);
        assert_eq!(names(root), ["project", "tmp"]);
    });
}

#[test]
fn vet_and_gofmt_checks() {
    isolated("vet_and_gofmt_checks", |root| {
        let tc = go();
        go_vet(&tc, &module(HELLO)).unwrap();
        gofmt_check(&tc, &module(HELLO)).unwrap();

        let vet_bad =
            "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Printf(\"%d\\n\", \"x\")\n}\n";
        let err = go_vet(&tc, &module(vet_bad)).unwrap_err();
        assert!(
            matches!(&err, BuildError::VetFailed { output } if output.contains("%d")),
            "{err}"
        );

        let unformatted = "package main\nfunc main(){}\n";
        let err = gofmt_check(&tc, &module(unformatted)).unwrap_err();
        assert!(
            matches!(&err, BuildError::NotFormatted { files } if files == &["main.go"]),
            "{err}"
        );
        assert_eq!(names(&root.join("tmp")), Vec::<String>::new());
    });
}

/// A program that takes Go a few seconds to compile; `nonce` defeats Go's
/// build cache.
#[cfg(unix)]
fn slow_program(nonce: u128) -> String {
    let mut src = format!("package main\n\nconst nonce = {nonce}\n\n");
    for i in 0..10000 {
        src.push_str(&format!(
            "func f{i}(x int) int {{\n\tfor j := 0; j < x; j++ {{\n\t\tx += j * {i} % (j + 7)\n\t}}\n\treturn x + nonce%7\n}}\n\n"
        ));
    }
    src.push_str("func main() {\n\tprintln(f0(1) + f9999(2))\n}\n");
    src
}

/// Body of the interrupt test's child: a slow build that gets killed.
#[cfg(unix)]
#[test]
fn interrupt_child() {
    let Some(root) = std::env::var_os(CHILD_ENV) else {
        return; // only meaningful inside `interrupted_build_leaves_nothing`
    };
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let out = Path::new(&root).join("out/slow");
    let result = build_binary(
        &go(),
        &module(&slow_program(nonce)),
        &out,
        &BuildOptions::default(),
    );
    panic!("the build should have been interrupted, but it returned {result:?}");
}

#[cfg(unix)]
#[test]
fn interrupted_build_leaves_nothing() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        fs::create_dir_all(root.join("tmp")).unwrap();
        fs::create_dir_all(root.join("out")).unwrap();
        let mut child = child_test("interrupt_child", root)
            .env("ARD2GO_CACHE", "off")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();

        // Wait until `go` works in its GOTMPDIR inside our build folder.
        let start = Instant::now();
        let busy = loop {
            let building = names(&root.join("tmp")).iter().any(|n| {
                n.starts_with("ard2go-build-")
                    && !names(&root.join("tmp").join(n).join("gotmp")).is_empty()
            });
            if building
                || start.elapsed() > Duration::from_secs(60)
                || child.try_wait().unwrap().is_some()
            {
                break building;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(busy, "go build never started");
        std::thread::sleep(Duration::from_millis(300));
        let sent = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        assert_eq!(
            names(&root.join("tmp")),
            Vec::<String>::new(),
            "SIG{signal}"
        );
        assert_eq!(
            names(&root.join("out")),
            Vec::<String>::new(),
            "SIG{signal}"
        );
    }
}
