//! Content-addressed cache of built binaries: `<cache>/bin/<sha256>`.
//!
//! The key covers every input that decides the binary (all module files, the
//! Go version and target, the build options), so a hit can skip `go build`
//! altogether. Entries appear only by rename, so a reader never sees half a
//! binary even when several ard2go processes build at once. Cache problems
//! are never fatal: the caller just builds.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use super::cleanup::Registered;
use super::{BuildOptions, GoModule, Toolchain};

/// Bump when the build command or the cache layout changes.
const KEY_VERSION: &str = "ard2go-bin-cache-v2";
/// Evict least recently used binaries above this total size.
const MAX_BYTES: u64 = 512 << 20;
/// Temp files older than this were left by a killed process.
const STALE_TEMP: Duration = Duration::from_secs(3600);
/// Variables that change a cgo build's output.
const CGO_ENV: [&str; 6] = [
    "CC",
    "CXX",
    "CGO_CFLAGS",
    "CGO_CPPFLAGS",
    "CGO_LDFLAGS",
    "PKG_CONFIG",
];

/// The cache folder: `ARD2GO_CACHE` (`off` disables the cache), else
/// `$XDG_CACHE_HOME/ard2go`, else `$HOME/.cache/ard2go`, else none.
pub(crate) fn cache_dir() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = var("ARD2GO_CACHE") {
        return (dir != Path::new("off")).then_some(dir);
    }
    if let Some(xdg) = var("XDG_CACHE_HOME").filter(|p| p.is_absolute()) {
        return Some(xdg.join("ard2go"));
    }
    var("HOME").map(|home| home.join(".cache").join("ard2go"))
}

/// The cache key of a build, as 64 hex digits.
pub(crate) fn cache_key(tc: &Toolchain, module: &GoModule, opts: &BuildOptions) -> String {
    key_with_env(tc, module, opts, |k| std::env::var(k).ok())
}

fn key_with_env(
    tc: &Toolchain,
    module: &GoModule,
    opts: &BuildOptions,
    env: impl Fn(&str) -> Option<String>,
) -> String {
    let mut h = Sha256::new();
    // Length-prefixed fields: no two different inputs hash the same bytes.
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(KEY_VERSION.as_bytes());
    field(super::gobuild::BUILD_FLAGS.join(" ").as_bytes());
    field(tc.version_string.as_bytes());
    field(opts.platform(tc).as_bytes());
    field(tc.fingerprint.as_bytes());
    field(format!("race={} cgo={}", opts.race, opts.cgo_enabled()).as_bytes());
    if opts.test {
        field(b"test");
    }
    if opts.cgo_enabled() {
        for var in CGO_ENV {
            field(format!("{var}={}", env(var).unwrap_or_default()).as_bytes());
        }
    }
    // Sorted, so the order in which files were generated does not matter.
    let mut files: Vec<&(String, String)> = module.files.iter().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    field(&(files.len() as u64).to_le_bytes());
    for (path, text) in files {
        field(path.as_bytes());
        field(text.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A cached binary for `key`, if there is one.
pub(crate) fn lookup(dir: &Path, key: &str) -> Option<PathBuf> {
    let path = dir.join("bin").join(key);
    let meta = fs::metadata(&path).ok()?;
    (meta.is_file() && meta.len() > 0).then_some(path)
}

/// Marks an entry as just used, for least-recently-used eviction.
pub(crate) fn touch(path: &Path) {
    if let Ok(f) = fs::OpenOptions::new().append(true).open(path) {
        let _ = f.set_modified(SystemTime::now());
    }
}

/// Stores a copy of `built` under `key`: copy to a temp file in the cache,
/// then rename, so the entry is complete or absent. Errors are returned for
/// tests only; callers ignore them.
pub(crate) fn store(dir: &Path, key: &str, built: &Path) -> io::Result<()> {
    let bin = dir.join("bin");
    fs::create_dir_all(&bin)?;
    let tmp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(&bin)?;
    let tmp = Registered::new(tmp.into_temp_path());
    fs::copy(built, &*tmp)?;
    tmp.finish(|t| t.persist(bin.join(key)))
        .map_err(|e| e.error)?;
    evict(&bin, MAX_BYTES);
    Ok(())
}

/// Deletes the least recently used binaries while the total exceeds
/// `max_bytes` (down to three quarters of it), and stale temp files.
fn evict(bin: &Path, max_bytes: u64) {
    let Ok(entries) = fs::read_dir(bin) else {
        return;
    };
    let now = SystemTime::now();
    let mut live = Vec::new();
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        let modified = meta.modified().unwrap_or(now);
        if entry.file_name().to_string_lossy().starts_with('.') {
            if now.duration_since(modified).unwrap_or_default() > STALE_TEMP {
                let _ = fs::remove_file(entry.path());
            }
        } else if meta.is_file() {
            live.push((modified, meta.len(), entry.path()));
        }
    }
    let mut total: u64 = live.iter().map(|e| e.1).sum();
    if total <= max_bytes {
        return;
    }
    live.sort();
    for (_, len, path) in live {
        if total <= max_bytes / 4 * 3 {
            break;
        }
        if fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toolchain() -> Toolchain {
        Toolchain {
            go: "/usr/local/go/bin/go".into(),
            version: (1, 22, 4),
            version_string: "go1.22.4".into(),
            goroot: "/usr/local/go".into(),
            target: "linux/amd64".into(),
            fingerprint: "GOAMD64=v1\n".into(),
        }
    }

    fn module(main: &str) -> GoModule {
        GoModule {
            files: vec![
                ("go.mod".into(), "module m\n".into()),
                ("main.go".into(), main.into()),
            ],
        }
    }

    fn key(tc: &Toolchain, m: &GoModule, opts: &BuildOptions) -> String {
        key_with_env(tc, m, opts, |_| None)
    }

    #[test]
    fn key_is_stable() {
        let (tc, m, o) = (
            toolchain(),
            module("package main\n"),
            BuildOptions::default(),
        );
        let k = key(&tc, &m, &o);
        assert_eq!(k.len(), 64);
        assert_eq!(k, key(&tc, &m, &o));
        // Pinned: a change here means every user's cache is invalidated.
        assert_eq!(
            k,
            "43d8ec12fdaeff1f8331b87a0587ce0c9f940165e035d5668e259d7bd0b325bf"
        );
    }

    #[test]
    fn key_ignores_file_order() {
        let (tc, o) = (toolchain(), BuildOptions::default());
        let m = module("package main\n");
        let mut reversed = m.clone();
        reversed.files.reverse();
        assert_eq!(key(&tc, &m, &o), key(&tc, &reversed, &o));
    }

    #[test]
    fn key_changes_with_every_input() {
        let (tc, m, o) = (
            toolchain(),
            module("package main\n"),
            BuildOptions::default(),
        );
        let base = key(&tc, &m, &o);
        let mut other = Vec::new();
        other.push(key(&tc, &module("package main \n"), &o));
        let mut renamed = m.clone();
        renamed.files[1].0 = "main2.go".into();
        other.push(key(&tc, &renamed, &o));
        // Moving bytes between path and contents must not collide.
        let mut shifted = m.clone();
        shifted.files[1] = ("main.gop".into(), "ackage main\n".into());
        other.push(key(&tc, &shifted, &o));
        let mut tc2 = toolchain();
        tc2.version_string = "go1.22.5".into();
        other.push(key(&tc2, &m, &o));
        let mut tc3 = toolchain();
        tc3.target = "linux/arm64".into();
        other.push(key(&tc3, &m, &o));
        other.push(key(
            &tc,
            &m,
            &BuildOptions {
                race: true,
                ..BuildOptions::default()
            },
        ));
        other.push(key(
            &tc,
            &m,
            &BuildOptions {
                cgo: true,
                ..BuildOptions::default()
            },
        ));
        // A cross build (issue 16: the key includes the target).
        other.push(key(
            &tc,
            &m,
            &BuildOptions {
                target: Some(crate::build::Target::parse("windows/amd64").unwrap()),
                ..BuildOptions::default()
            },
        ));
        other.push(key(
            &tc,
            &m,
            &BuildOptions {
                test: true,
                ..BuildOptions::default()
            },
        ));
        let cgo = BuildOptions {
            cgo: true,
            ..BuildOptions::default()
        };
        other.push(key_with_env(&tc, &m, &cgo, |k| {
            (k == "CC").then(|| "clang".into())
        }));
        for (i, k) in other.iter().enumerate() {
            assert_ne!(&base, k, "variant {i}");
        }
        other.push(base);
        let n = other.len();
        other.sort();
        other.dedup();
        assert_eq!(other.len(), n, "all variants differ");
    }

    #[test]
    fn store_then_lookup_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let built = dir.path().join("built");
        fs::write(&built, b"binary").unwrap();
        let cache = dir.path().join("cache");
        assert!(lookup(&cache, "k").is_none());
        store(&cache, "k", &built).unwrap();
        let hit = lookup(&cache, "k").unwrap();
        assert_eq!(fs::read(hit).unwrap(), b"binary");
        let names: Vec<_> = fs::read_dir(cache.join("bin"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["k"]);
    }

    #[test]
    fn store_failure_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        assert!(store(&cache, "k", &dir.path().join("missing")).is_err());
        assert_eq!(fs::read_dir(cache.join("bin")).unwrap().count(), 0);
    }

    #[test]
    fn evicts_least_recently_used_first() {
        let dir = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(100);
        for (i, name) in ["a", "b", "c", "d"].iter().enumerate() {
            let p = dir.path().join(name);
            fs::write(&p, [0u8; 100]).unwrap();
            let f = fs::File::options().append(true).open(&p).unwrap();
            f.set_modified(old + Duration::from_secs(i as u64)).unwrap();
        }
        evict(dir.path(), 300);
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["c", "d"]);
    }
}
