//! Clean-up on SIGINT/SIGTERM: a registry of live temp paths and child
//! processes, and a signal handler that kills the children, deletes the
//! paths and exits 130/143. Without it an interrupted `go build` would leave
//! temp folders and half-written files behind.

use std::io::{self, Read};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

static PATHS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static CHILDREN: Mutex<Vec<Arc<Mutex<Child>>>> = Mutex::new(Vec::new());

/// A poisoned lock only means another thread panicked; the list is still good.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Installs (once) the SIGINT/SIGTERM handler; later calls do nothing.
/// After cleaning up it exits with 128 + the signal number, as the default
/// action would have reported, so it is harmless when nothing is registered.
pub fn install_interrupt_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGINT, SIGTERM};
            // Best effort: without the handler builds still work.
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
                let _ = thread::Builder::new()
                    .name("ard2go-signals".into())
                    .spawn(move || {
                        if let Some(sig) = signals.forever().next() {
                            cleanup_all();
                            std::process::exit(128 + sig);
                        }
                    });
            }
        }
    });
}

/// Kills every registered child process and deletes every registered path.
pub(crate) fn cleanup_all() {
    for child in lock(&CHILDREN).iter() {
        let mut child = lock(child);
        kill_tree(&child);
        let _ = child.kill();
        let _ = child.wait();
    }
    remove_registered(|_| true);
}

/// `go` runs compilers and the linker as its own children; they share its
/// process group (see [`run_tracked`]), so kill the whole group.
#[cfg(unix)]
fn kill_tree(child: &Child) {
    use rustix::process::{Pid, Signal, kill_process_group};
    if let Some(pid) = i32::try_from(child.id()).ok().and_then(Pid::from_raw) {
        let _ = kill_process_group(pid, Signal::KILL);
    }
}

#[cfg(not(unix))]
fn kill_tree(_child: &Child) {}

/// Deletes and forgets the registered paths for which `select` is true.
pub(crate) fn remove_registered(select: impl Fn(&Path) -> bool) {
    let mut paths = lock(&PATHS);
    paths.retain(|p| {
        if select(p) {
            remove_path(p);
            false
        } else {
            true
        }
    });
}

fn remove_path(path: &Path) {
    let Ok(meta) = path.symlink_metadata() else {
        return;
    };
    if !meta.is_dir() {
        let _ = std::fs::remove_file(path);
        return;
    }
    // A just-killed compiler may still add a file; try again briefly.
    for _ in 0..20 {
        match std::fs::remove_dir_all(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                thread::sleep(Duration::from_millis(10))
            }
            _ => return,
        }
    }
}

fn register(path: PathBuf) {
    lock(&PATHS).push(path);
}

fn unregister(path: &Path) {
    let mut paths = lock(&PATHS);
    if let Some(i) = paths.iter().position(|p| p == path) {
        paths.swap_remove(i);
    }
}

/// A temp file or folder (`TempDir`, `TempPath`, ...) whose path is in the
/// registry while it lives. On drop the value is dropped (deleting it)
/// before the path is unregistered, so there is no moment where it exists
/// but an interrupt would not delete it.
#[derive(Debug)]
pub(crate) struct Registered<T: AsRef<Path>> {
    inner: Option<T>,
    path: PathBuf,
}

impl<T: AsRef<Path>> Registered<T> {
    pub(crate) fn new(inner: T) -> Self {
        let path = inner.as_ref().to_path_buf();
        register(path.clone());
        Registered {
            inner: Some(inner),
            path,
        }
    }

    /// Hands the value to `f` (e.g. to rename it into place) and unregisters
    /// the path only after `f` returns, so an interrupt during `f` still
    /// deletes it.
    pub(crate) fn finish<R>(mut self, f: impl FnOnce(T) -> R) -> R {
        f(self
            .inner
            .take()
            .expect("Registered holds its value until dropped"))
    }
}

impl<T: AsRef<Path>> Deref for Registered<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.inner
            .as_ref()
            .expect("Registered holds its value until dropped")
    }
}

impl<T: AsRef<Path>> AsRef<Path> for Registered<T> {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl<T: AsRef<Path>> Drop for Registered<T> {
    fn drop(&mut self) {
        drop(self.inner.take());
        unregister(&self.path);
    }
}

/// Output of a finished child process.
pub(crate) struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` to completion with its stdout and stderr captured, registered
/// so that an interrupt kills it (and its own children) first.
pub(crate) fn run_tracked(cmd: &mut Command) -> io::Result<Finished> {
    #[cfg(unix)]
    {
        // Its own process group: the handler can then kill go's compiler
        // and linker too, not only `go`.
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Spawn under the lock: an interrupt cannot fall between spawn and
    // registration.
    let child = {
        let mut children = lock(&CHILDREN);
        let child = Arc::new(Mutex::new(cmd.spawn()?));
        children.push(Arc::clone(&child));
        child
    };
    let (out, err) = {
        let mut c = lock(&child);
        (c.stdout.take(), c.stderr.take())
    };
    // Read both pipes on threads: a full pipe would block the child.
    let out = thread::spawn(move || read_all(out));
    let err = thread::spawn(move || read_all(err));
    let status = wait_polling(&child);
    lock(&CHILDREN).retain(|c| !Arc::ptr_eq(c, &child));
    let status = status?;
    Ok(Finished {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

/// Waits without holding the lock, so the signal handler can kill the child.
fn wait_polling(child: &Mutex<Child>) -> io::Result<ExitStatus> {
    let mut delay = Duration::from_millis(1);
    loop {
        if let Some(status) = lock(child).try_wait()? {
            return Ok(status);
        }
        thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_millis(20));
    }
}

fn read_all(pipe: Option<impl Read>) -> String {
    let mut bytes = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = pipe.read_to_end(&mut bytes);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registered(root: &Path) -> Vec<PathBuf> {
        lock(&PATHS)
            .iter()
            .filter(|p| p.starts_with(root))
            .cloned()
            .collect()
    }

    #[test]
    fn cleanup_removes_registered_files_and_folders() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("build");
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/b/c"), "x").unwrap();
        let file = root.path().join("out.tmp");
        std::fs::write(&file, "half a binary").unwrap();
        let kept = root.path().join("kept");
        std::fs::write(&kept, "user data").unwrap();
        register(dir.clone());
        register(file.clone());
        assert_eq!(registered(root.path()).len(), 2);

        remove_registered(|p| p.starts_with(root.path()));
        assert!(!dir.exists() && !file.exists());
        assert!(kept.exists());
        assert!(registered(root.path()).is_empty());
    }

    #[test]
    fn registered_value_is_deleted_then_unregistered_on_drop() {
        let root = tempfile::tempdir().unwrap();
        let tmp = Registered::new(tempfile::tempdir_in(root.path()).unwrap());
        let path = tmp.path().to_path_buf();
        assert_eq!(registered(root.path()), std::slice::from_ref(&path));
        drop(tmp);
        assert!(!path.exists());
        assert!(registered(root.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn run_tracked_captures_output_and_unregisters() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo out; echo err >&2; exit 3"]);
        let done = run_tracked(&mut cmd).unwrap();
        assert_eq!(done.status.code(), Some(3));
        assert_eq!(
            (done.stdout.as_str(), done.stderr.as_str()),
            ("out\n", "err\n")
        );
    }
}
