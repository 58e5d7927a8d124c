//! The page's side of the exporter's Web Worker: started by the first export
//! dialog and kept for later ones, one connection per open dialog.
//!
//! trunk builds the worker from the `vpcplan-export-worker` binary and names
//! its files after it, without a hash (a worker's files are named at run
//! time): `vpcplan-export-worker.js` (wasm-bindgen's `no-modules` glue) and
//! `vpcplan-export-worker_bg.wasm`, next to `index.html`.
//!
//! gloo-worker carries the messages but does not say when a worker fails to
//! load or crashes, so the worker is started from a small script that
//! reports its own errors (and then closes the worker), and that it has
//! loaded, on a `BroadcastChannel` of a name made for that worker. A worker
//! whose files never arrive reports nothing at all: one that has neither
//! loaded nor answered after `LOAD_TIMEOUT_MS` counts as failed.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use gloo_worker::{Spawnable, WorkerBridge};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, BroadcastChannel, MessageEvent, Url};
use yew::Callback;

use crate::export_worker::{ExportJobs, ExportReply, ExportRequest, Jobs};

const WORKER_SCRIPT: &str = "vpcplan-export-worker.js";
const WORKER_WASM: &str = "vpcplan-export-worker_bg.wasm";

/// How long a started worker may take to load (its script and its module
/// fetched and compiled) before it counts as failed. A stalled download
/// reports no error, and "Preparing the export…" would otherwise stay
/// forever; on a slow connection the worker's files (≈ 0.5 MiB before
/// compression) arrive well within it.
pub const LOAD_TIMEOUT_MS: u32 = 20_000;

/// Where an export dialog's jobs run.
#[derive(Debug, Clone, Copy, Default)]
pub enum ExportRunner {
    /// In the exporter's Web Worker (the app).
    #[default]
    Worker,
    /// On the page by the given function (the worker's
    /// [`crate::export_worker::Jobs::run`]), over one [`Jobs`] per
    /// connection as in the worker, answered in a later task as the worker
    /// would be: for the components' browser tests, where no worker files are
    /// served. The function is the caller's so that the app's module, which
    /// never makes one, does not link the exporters.
    InPage(fn(&mut Jobs, ExportRequest) -> ExportReply),
}

impl PartialEq for ExportRunner {
    fn eq(&self, other: &ExportRunner) -> bool {
        matches!(
            (self, other),
            (ExportRunner::Worker, ExportRunner::Worker)
                | (ExportRunner::InPage(_), ExportRunner::InPage(_))
        )
    }
}

/// What a connection hears back.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportEvent {
    Reply(ExportReply),
    /// The worker did not load, or crashed.
    WorkerFailed(WorkerFailure),
}

/// Why the worker is of no use.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerFailure {
    /// An error, as the browser gave it.
    Error(String),
    /// It neither loaded nor answered within `LOAD_TIMEOUT_MS`.
    TimedOut,
}

/// One dialog's line to the exporter. Dropping it stops its notifications.
pub struct ExportConnection {
    line: Line,
}

enum Line {
    Worker {
        bridge: WorkerBridge<ExportJobs>,
        worker: Rc<RunningWorker>,
        listener: u64,
    },
    InPage(
        fn(&mut Jobs, ExportRequest) -> ExportReply,
        Rc<RefCell<Jobs>>,
        Callback<ExportEvent>,
    ),
}

impl ExportRunner {
    /// Connects to the exporter, starting its worker if none is running.
    pub fn connect(self, on_event: Callback<ExportEvent>) -> ExportConnection {
        let line = match self {
            ExportRunner::InPage(run) => Line::InPage(run, Rc::default(), on_event),
            ExportRunner::Worker => {
                let worker = RunningWorker::shared();
                let on_reply = on_event.clone();
                let status = worker.status.clone();
                let bridge = worker.bridge.fork(Some(move |reply| {
                    // An answer is proof of a loaded worker, whichever
                    // message arrives first.
                    status.loaded();
                    on_reply.emit(ExportEvent::Reply(reply))
                }));
                let listener = worker.status.listen(on_event);
                Line::Worker {
                    bridge,
                    worker,
                    listener,
                }
            }
        };
        ExportConnection { line }
    }
}

impl ExportConnection {
    pub fn send(&self, request: ExportRequest) {
        match &self.line {
            Line::Worker { bridge, .. } => bridge.send(request),
            Line::InPage(run, jobs, on_event) => {
                let (run, jobs, on_event) = (*run, jobs.clone(), on_event.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = run(&mut jobs.borrow_mut(), request);
                    on_event.emit(ExportEvent::Reply(reply));
                });
            }
        }
    }
}

impl Drop for ExportConnection {
    fn drop(&mut self) {
        if let Line::Worker {
            worker, listener, ..
        } = &self.line
        {
            worker.status.unlisten(*listener);
        }
    }
}

/// Forgets a failed worker, so that the next connection starts a new one.
pub fn restart_failed_worker() {
    RUNNING.with(|running| {
        let mut running = running.borrow_mut();
        if running
            .as_ref()
            .is_some_and(|worker| worker.status.failure().is_some())
        {
            *running = None;
        }
    });
}

thread_local! {
    static RUNNING: RefCell<Option<Rc<RunningWorker>>> = const { RefCell::new(None) };
}

/// The channel the worker's loader reports errors on, with its listener.
type StatusChannel = (BroadcastChannel, Closure<dyn FnMut(MessageEvent)>);

struct RunningWorker {
    bridge: WorkerBridge<ExportJobs>,
    status: Rc<WorkerStatus>,
    _channel: Option<StatusChannel>,
    /// Fails the worker if it has not loaded in time; dropped with it.
    _load_timeout: Timeout,
}

impl RunningWorker {
    fn shared() -> Rc<Self> {
        RUNNING.with(|running| {
            running
                .borrow_mut()
                .get_or_insert_with(|| Rc::new(Self::start()))
                .clone()
        })
    }

    fn start() -> Self {
        let status = Rc::new(WorkerStatus::default());
        let channel_name = format!(
            "vpcplan-export-worker-{:x}",
            (js_sys::Math::random() * 2f64.powi(52)) as u64
        );
        let channel = BroadcastChannel::new(&channel_name).ok().map(|channel| {
            let on_message = {
                let status = status.clone();
                Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                    let data = event.data();
                    if let Some(reason) = data.as_string() {
                        status.fail(WorkerFailure::Error(reason));
                    } else if js_sys::Reflect::get(&data, &JsValue::from_str(LOADED))
                        .is_ok_and(|loaded| loaded.is_truthy())
                    {
                        status.loaded();
                    } else {
                        status.fail(WorkerFailure::Error("unknown error".to_owned()));
                    }
                })
            };
            channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            (channel, on_message)
        });
        let bridge = match loader_url(&channel_name) {
            Ok(url) => ExportJobs::spawner().spawn_with_loader(&url),
            Err(reason) => {
                status.fail(WorkerFailure::Error(reason));
                // A bridge is still needed; it never loads, and the status
                // already says why.
                ExportJobs::spawner().spawn_with_loader("data:text/javascript,")
            }
        };
        let load_timeout = {
            let status = status.clone();
            Timeout::new(LOAD_TIMEOUT_MS, move || status.time_out())
        };
        RunningWorker {
            bridge,
            status,
            _channel: channel,
            _load_timeout: load_timeout,
        }
    }
}

/// The key of the loader's message that the worker has loaded (its errors
/// are strings).
const LOADED: &str = "loaded";

/// A script URL (a blob) that loads the worker's glue and module from next
/// to the page and reports any error, and that it has loaded, on the channel
/// `channel_name`.
fn loader_url(channel_name: &str) -> Result<String, String> {
    let base = gloo::utils::document()
        .base_uri()
        .ok()
        .flatten()
        .ok_or("the page has no base address")?;
    let absolute = |file: &str| {
        Url::new_with_base(file, &base)
            .map(|url| url.href())
            .map_err(|_| format!("no address for {file}"))
    };
    let literal = |text: &str| {
        js_sys::JSON::stringify(&JsValue::from_str(text))
            .ok()
            .and_then(|text| text.as_string())
            .ok_or("a string could not be quoted")
    };
    let script = format!(
        "const status = new BroadcastChannel({channel});\n\
         const fail = (reason) => {{ status.postMessage(String(reason && reason.message || reason)); self.close(); }};\n\
         self.addEventListener('error', (event) => {{ event.preventDefault(); fail(event.message || event.error); }});\n\
         self.addEventListener('unhandledrejection', (event) => {{ event.preventDefault(); fail(event.reason); }});\n\
         importScripts({script});\n\
         wasm_bindgen({{ module_or_path: {wasm} }}).then(() => status.postMessage({{ {loaded}: true }}));\n",
        channel = literal(channel_name)?,
        loaded = LOADED,
        script = literal(&absolute(WORKER_SCRIPT)?)?,
        wasm = literal(&absolute(WORKER_WASM)?)?,
    );
    let parts = js_sys::Array::of1(&JsValue::from_str(&script));
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the worker's loader could not be made".to_owned())?;
    Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the worker's loader could not be made".to_owned())
}

/// Whether the worker loaded or failed, and who to tell when it fails.
#[derive(Default)]
struct WorkerStatus {
    loaded: std::cell::Cell<bool>,
    failure: RefCell<Option<WorkerFailure>>,
    listeners: RefCell<Vec<(u64, Callback<ExportEvent>)>>,
    next_listener: std::cell::Cell<u64>,
}

impl WorkerStatus {
    fn failure(&self) -> Option<WorkerFailure> {
        self.failure.borrow().clone()
    }

    /// Tells `on_event` when the worker fails; at once (in a later task) if
    /// it already has.
    fn listen(&self, on_event: Callback<ExportEvent>) -> u64 {
        let id = self.next_listener.get();
        self.next_listener.set(id + 1);
        if let Some(reason) = self.failure() {
            let on_event = on_event.clone();
            wasm_bindgen_futures::spawn_local(async move {
                on_event.emit(ExportEvent::WorkerFailed(reason));
            });
        }
        self.listeners.borrow_mut().push((id, on_event));
        id
    }

    fn unlisten(&self, id: u64) {
        self.listeners
            .borrow_mut()
            .retain(|(listener, _)| *listener != id);
    }

    fn loaded(&self) {
        self.loaded.set(true);
    }

    /// The load timeout: a worker that has not loaded by now never will.
    fn time_out(&self) {
        if !self.loaded.get() {
            self.fail(WorkerFailure::TimedOut);
        }
    }

    fn fail(&self, reason: WorkerFailure) {
        if self.failure.borrow().is_some() {
            return;
        }
        *self.failure.borrow_mut() = Some(reason.clone());
        let listeners = self.listeners.borrow().clone();
        for (_, on_event) in listeners {
            on_event.emit(ExportEvent::WorkerFailed(reason.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use vpcplan_core::Lang;

    use super::LOAD_TIMEOUT_MS;
    use crate::strings::strings;

    #[test]
    fn the_timeout_message_names_the_load_timeout_in_both_languages() {
        let seconds = (LOAD_TIMEOUT_MS / 1000).to_string();
        for lang in [Lang::En, Lang::Ja] {
            let message = strings(lang).export_worker_timed_out;
            assert!(message.contains(&seconds), "{lang:?}: {message}");
        }
    }
}
