//! `ard2go build --target OS/ARCH` (issue 16): Go's own cross-compiler
//! builds for another platform. The binaries are not run; their headers say
//! which format and machine they are for (PE, Mach-O, ELF).

mod common;
use common::*;
use std::fs;
use std::path::Path;

const HELLO: &str = "use ard/io\n\nfn main() {\n  io::print(\"hello\")\n}\n";

/// "FORMAT ARCH" of an executable, from its header.
fn exe_format(bytes: &[u8]) -> String {
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap());
    if bytes.starts_with(b"\x7fELF") {
        // Little-endian ELF: e_machine at 18.
        assert_eq!(bytes[5], 1, "little-endian ELF");
        let arch = match u16_at(18) {
            0x3e => "amd64",
            0xb7 => "arm64",
            0x28 => "arm",
            0x03 => "386",
            m => return format!("ELF machine {m:#x}"),
        };
        return format!("ELF {arch}");
    }
    if bytes.starts_with(b"MZ") {
        // The PE header's offset is at 0x3c; the machine follows "PE\0\0".
        let pe = u32_at(0x3c) as usize;
        assert_eq!(&bytes[pe..pe + 4], b"PE\0\0", "PE signature");
        let arch = match u16_at(pe + 4) {
            0x8664 => "amd64",
            0xaa64 => "arm64",
            0x14c => "386",
            m => return format!("PE machine {m:#x}"),
        };
        return format!("PE {arch}");
    }
    if bytes.starts_with(&[0xcf, 0xfa, 0xed, 0xfe]) {
        // 64-bit Mach-O: the CPU type follows the magic.
        let arch = match u32_at(4) {
            0x0100_000c => "arm64",
            0x0100_0007 => "amd64",
            c => return format!("Mach-O cpu {c:#x}"),
        };
        return format!("Mach-O {arch}");
    }
    format!("unknown format {:02x?}", &bytes[..bytes.len().min(8)])
}

fn format_of(path: &Path) -> String {
    exe_format(&fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The format of binaries built for this machine.
fn native_format() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    let format = match std::env::consts::OS {
        "windows" => "PE",
        "macos" => "Mach-O",
        _ => "ELF",
    };
    format!("{format} {arch}")
}

fn build(dir: &Path, args: &[&str]) -> std::process::Output {
    ard2go()
        .arg("build")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        text(&out.stderr)
    );
}

#[test]
fn cross_compiled_binaries_have_the_target_format() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("hello.ard"), HELLO).unwrap();
    // Windows: the default name gets .exe.
    assert_ok(&build(
        dir.path(),
        &["hello.ard", "--target", "windows/amd64"],
    ));
    assert_eq!(format_of(&dir.path().join("hello.exe")), "PE amd64");
    assert!(!dir.path().join("hello").exists());
    for (target, want) in [
        ("darwin/arm64", "Mach-O arm64"),
        ("linux/arm64", "ELF arm64"),
    ] {
        let out = dir.path().join(target.replace('/', "-"));
        assert_ok(&build(
            dir.path(),
            &["hello.ard", "--target", target, "-o", out.to_str().unwrap()],
        ));
        assert_eq!(format_of(&out), want, "{target}");
    }
}

#[test]
fn the_cache_tells_targets_apart() {
    // One cache for both builds: a cross build must not get the native
    // binary from the cache, nor the other way round.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("hello.ard"), HELLO).unwrap();
    let cache = dir.path().join("cache");
    let build_cached = |args: &[&str]| {
        let out = ard2go()
            .env("ARD2GO_CACHE", &cache)
            .arg("build")
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_ok(&out);
    };
    build_cached(&["hello.ard", "-o", "native"]);
    build_cached(&["hello.ard", "-o", "arm", "--target", "linux/arm64"]);
    build_cached(&["hello.ard", "-o", "native2"]);
    build_cached(&["hello.ard", "-o", "arm2", "--target", "linux/arm64"]);
    assert_eq!(format_of(&dir.path().join("native")), native_format());
    assert_eq!(format_of(&dir.path().join("native2")), native_format());
    assert_eq!(format_of(&dir.path().join("arm")), "ELF arm64");
    assert_eq!(format_of(&dir.path().join("arm2")), "ELF arm64");
    let entries = fs::read_dir(cache.join("bin")).unwrap().count();
    assert_eq!(entries, 2, "one cache entry per target");
}

#[test]
fn unknown_target_is_a_usage_error_listing_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("hello.ard"), HELLO).unwrap();
    let out = build(dir.path(), &["hello.ard", "--target", "plan10/z80"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unknown --target plan10/z80"), "{err}");
    assert!(err.contains("go tool dist list"), "{err}");
    for valid in [
        "windows/amd64",
        "darwin/arm64",
        "linux/arm64",
        "linux/amd64",
    ] {
        assert!(err.contains(valid), "{valid} missing from:\n{err}");
    }
    // Not OS/ARCH at all.
    let out = build(dir.path(), &["hello.ard", "--target", "windows"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("OS/ARCH"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing built"
    );
}

#[test]
fn run_refuses_a_target() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("hello.ard"), HELLO).unwrap();
    let out = ard2go()
        .args(["run", "hello.ard", "--target", "linux/arm64"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("`run` cannot use --target") && err.contains("build --target"),
        "{err}"
    );
}

#[test]
fn race_cannot_be_cross_compiled() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("hello.ard"), HELLO).unwrap();
    let out = build(
        dir.path(),
        &["hello.ard", "--race", "--target", "windows/amd64"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--race cannot be used with --target"));
}

#[test]
fn a_cgo_program_gets_a_diagnostic_not_a_linker_dump() {
    let dir = tempfile::tempdir().unwrap();
    let src = "use ard/io\nuse ard/sqlite\n\nfn main() {\n  let db = sqlite::open(\":memory:\")\n  io::print(\"opened\")\n}\n";
    fs::write(dir.path().join("notes.ard"), src).unwrap();
    let out = build(dir.path(), &["notes.ard", "--target", "windows/amd64"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("ard/sqlite cannot be cross-compiled for windows/amd64"),
        "{err}"
    );
    assert!(err.contains("notes.ard:2:1"), "{err}");
    assert!(err.contains("needs cgo"), "{err}");
    for dump in ["ld:", "undefined reference", "go build", "runtime/cgo"] {
        assert!(!err.contains(dump), "{dump} in:\n{err}");
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing built"
    );
}

#[test]
fn the_native_target_is_an_ordinary_build() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("hello.ard"), HELLO).unwrap();
    let go_env = |var: &str| {
        let out = std::process::Command::new("go")
            .args(["env", var])
            .output()
            .unwrap();
        text(&out.stdout).trim().to_string()
    };
    let native = format!("{}/{}", go_env("GOOS"), go_env("GOARCH"));
    assert_ok(&build(
        dir.path(),
        &["hello.ard", "--target", &native, "-o", "h"],
    ));
    let run = std::process::Command::new(dir.path().join("h"))
        .output()
        .unwrap();
    assert_eq!(text(&run.stdout), "hello\n");
}
