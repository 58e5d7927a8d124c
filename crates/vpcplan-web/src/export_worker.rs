//! The export as a job for the exporter's Web Worker: the messages between the
//! page and the worker, what the worker does with each, and the tags that keep
//! a late answer from being shown for a design or options it was not asked for.
//!
//! The design crosses as its design file text (`write_design` on the page,
//! `read_design` in the worker): the page links the writer anyway for saving
//! and autosave, and the model needs no serde code of its own.
//!
//! The files stay in the worker. The page is told their paths, and asks for
//! the contents of one file when it shows, copies or downloads it, and for
//! the zip of them all: the export of the 500-node design is about 15 MB of
//! text, and carrying all of it to the page on every export held the page's
//! thread for tens of milliseconds (the message decoded into the page's
//! memory, then collected), for files most exports never show.

use std::collections::HashMap;

use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use vpcplan_core::file::read_design;
use vpcplan_export::{ExportError, ExportedFile, TemplateFormat};

use crate::export_bundle::{export_files, zip_archive};

/// Identifies one request; answers carry the tag of the request they answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestTag(u64);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRequest {
    pub tag: RequestTag,
    pub job: ExportJob,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExportJob {
    /// Every file of the export of the design (its design file text). The
    /// worker keeps the files, as the export of this request's tag, and
    /// answers with their paths.
    Files {
        design: String,
        format: TemplateFormat,
        allow_errors: bool,
    },
    /// The file at `index` of the export `export` (the tag of its `Files`
    /// request), for the preview.
    Preview { export: RequestTag, index: usize },
    /// The same, to save as a download.
    Download { export: RequestTag, index: usize },
    /// Every file of the export `export` packed into one zip archive.
    Zip { export: RequestTag },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportReply {
    pub tag: RequestTag,
    pub outcome: ExportOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExportOutcome {
    /// The paths of the export's files, in order.
    Files(Vec<String>),
    /// One file of an export, with its position in it.
    File {
        index: usize,
        file: ExportedFile,
    },
    /// The design has this many errors and exporting anyway was not chosen.
    Blocked {
        errors: usize,
    },
    Zip(Vec<u8>),
    /// The job could not be done; the message says why.
    Failed(String),
}

/// What one connection's jobs share: the files of its latest export.
#[derive(Debug, Default)]
pub struct Jobs {
    export: Option<(RequestTag, Vec<ExportedFile>)>,
}

impl Jobs {
    /// Does one job; what the worker answers to `request`.
    pub fn run(&mut self, request: ExportRequest) -> ExportReply {
        let outcome = match request.job {
            ExportJob::Files {
                design,
                format,
                allow_errors,
            } => {
                // A new export replaces the one kept, whatever comes of it.
                self.export = None;
                match read_design(&design) {
                    Err(error) => {
                        ExportOutcome::Failed(format!("the design could not be read: {error}"))
                    }
                    Ok(design) => match export_files(&design, format, allow_errors) {
                        Ok(files) => {
                            let paths = files.iter().map(|file| file.path.clone()).collect();
                            self.export = Some((request.tag, files));
                            ExportOutcome::Files(paths)
                        }
                        Err(ExportError::DesignHasErrors(errors)) => ExportOutcome::Blocked {
                            errors: errors.len(),
                        },
                    },
                }
            }
            ExportJob::Preview { export, index } | ExportJob::Download { export, index } => {
                match self.files_of(export).and_then(|files| files.get(index)) {
                    Some(file) => ExportOutcome::File {
                        index,
                        file: file.clone(),
                    },
                    None => ExportOutcome::Failed(NOT_KEPT.to_owned()),
                }
            }
            ExportJob::Zip { export } => match self.files_of(export) {
                None => ExportOutcome::Failed(NOT_KEPT.to_owned()),
                Some(files) => match zip_archive(files) {
                    Ok(bytes) => ExportOutcome::Zip(bytes),
                    Err(error) => {
                        ExportOutcome::Failed(format!("the zip could not be written: {error}"))
                    }
                },
            },
        };
        ExportReply {
            tag: request.tag,
            outcome,
        }
    }

    fn files_of(&self, export: RequestTag) -> Option<&[ExportedFile]> {
        match &self.export {
            Some((tag, files)) if *tag == export => Some(files),
            _ => None,
        }
    }
}

/// Why a job on an export's files failed: a newer export replaced them (the
/// page asks only for the files of the export it shows, so this is a race).
const NOT_KEPT: &str = "the export was replaced by a newer one";

/// The exporter's worker: answers every request with [`Jobs::run`], in
/// order, keeping one [`Jobs`] per connection (one per open dialog).
#[derive(Default)]
pub struct ExportJobs {
    connections: HashMap<HandlerId, Jobs>,
}

impl Worker for ExportJobs {
    type Message = ();
    type Input = ExportRequest;
    type Output = ExportReply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Self::default()
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: ExportRequest, id: HandlerId) {
        let reply = self.connections.entry(id).or_default().run(request);
        scope.respond(id, reply);
    }

    fn disconnected(&mut self, _scope: &WorkerScope<Self>, id: HandlerId) {
        self.connections.remove(&id);
    }
}

/// The kinds of job; a dialog has at most one of each that matters, except
/// downloads, which all do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Files,
    Preview,
    Download,
    Zip,
}

impl ExportJob {
    pub fn kind(&self) -> JobKind {
        match self {
            ExportJob::Files { .. } => JobKind::Files,
            ExportJob::Preview { .. } => JobKind::Preview,
            ExportJob::Download { .. } => JobKind::Download,
            ExportJob::Zip { .. } => JobKind::Zip,
        }
    }
}

/// The requests of one export dialog: every request gets a tag of its own,
/// each new request supersedes the earlier ones of its kind (downloads
/// excepted: every file the user asked to save is saved), and only the
/// answer to the latest of a kind is taken.
#[derive(Debug, Default)]
pub struct Requests {
    issued: u64,
    latest_files: Option<RequestTag>,
    latest_preview: Option<RequestTag>,
    latest_zip: Option<RequestTag>,
    downloads: Vec<RequestTag>,
}

impl Requests {
    /// A request for `job`, superseding the earlier ones of its kind.
    pub fn ask(&mut self, job: ExportJob) -> ExportRequest {
        self.issued += 1;
        let tag = RequestTag(self.issued);
        match self.latest(job.kind()) {
            Some(latest) => *latest = Some(tag),
            None => self.downloads.push(tag),
        }
        ExportRequest { tag, job }
    }

    /// The kind of the request `reply` answers, or `None` when it answers a
    /// superseded or forgotten one.
    pub fn answered(&self, reply: &ExportReply) -> Option<JobKind> {
        let tag = Some(reply.tag);
        if self.latest_files == tag {
            Some(JobKind::Files)
        } else if self.latest_preview == tag {
            Some(JobKind::Preview)
        } else if self.latest_zip == tag {
            Some(JobKind::Zip)
        } else if self.downloads.contains(&reply.tag) {
            Some(JobKind::Download)
        } else {
            None
        }
    }

    /// Supersedes the requests of `kind` without asking anything new (the
    /// design became blocked, say), so none of their answers is taken.
    pub fn forget(&mut self, kind: JobKind) {
        match self.latest(kind) {
            Some(latest) => *latest = None,
            None => self.downloads.clear(),
        }
    }

    /// The latest request of `kind`; downloads have none.
    fn latest(&mut self, kind: JobKind) -> Option<&mut Option<RequestTag>> {
        match kind {
            JobKind::Files => Some(&mut self.latest_files),
            JobKind::Preview => Some(&mut self.latest_preview),
            JobKind::Zip => Some(&mut self.latest_zip),
            JobKind::Download => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::sample;
    use vpcplan_core::file::write_design;

    fn design_text(id: &str) -> String {
        write_design(&sample(id).unwrap().open().unwrap())
    }

    fn files_job(id: &str, format: TemplateFormat, allow_errors: bool) -> ExportJob {
        ExportJob::Files {
            design: design_text(id),
            format,
            allow_errors,
        }
    }

    fn paths(files: &[ExportedFile]) -> Vec<String> {
        files.iter().map(|file| file.path.clone()).collect()
    }

    #[test]
    fn the_worker_exports_the_design_it_is_sent_as_text_and_keeps_the_files() {
        let design = sample("article-peering").unwrap().open().unwrap();
        let expected = export_files(&design, TemplateFormat::Json, false).unwrap();
        let mut jobs = Jobs::default();
        let mut requests = Requests::default();
        let request = requests.ask(files_job("article-peering", TemplateFormat::Json, false));
        let export = request.tag;
        let reply = jobs.run(request);
        assert_eq!(reply.tag, export);
        assert_eq!(reply.outcome, ExportOutcome::Files(paths(&expected)));

        // Each file, as it was exported, for the preview and for a download.
        for (index, file) in expected.iter().enumerate() {
            for job in [
                ExportJob::Preview { export, index },
                ExportJob::Download { export, index },
            ] {
                assert_eq!(
                    jobs.run(requests.ask(job)).outcome,
                    ExportOutcome::File {
                        index,
                        file: file.clone()
                    }
                );
            }
        }
        let past_the_end = ExportJob::Preview {
            export,
            index: expected.len(),
        };
        assert_eq!(
            jobs.run(requests.ask(past_the_end)).outcome,
            ExportOutcome::Failed(NOT_KEPT.to_owned())
        );
    }

    #[test]
    fn a_design_with_errors_is_blocked_unless_allowed() {
        let mut jobs = Jobs::default();
        let mut requests = Requests::default();
        let blocked = jobs.run(requests.ask(files_job(
            "mistake-overlapping-cidrs",
            TemplateFormat::Yaml,
            false,
        )));
        assert_eq!(blocked.outcome, ExportOutcome::Blocked { errors: 1 });
        let allowed = requests.ask(files_job(
            "mistake-overlapping-cidrs",
            TemplateFormat::Yaml,
            true,
        ));
        let export = allowed.tag;
        let ExportOutcome::Files(paths) = jobs.run(allowed).outcome else {
            panic!("expected files");
        };
        let mentions_the_error = (0..paths.len()).any(|index| {
            match jobs
                .run(requests.ask(ExportJob::Preview { export, index }))
                .outcome
            {
                ExportOutcome::File { file, .. } => file.contents.contains("PEER-001"),
                other => panic!("expected a file, got {other:?}"),
            }
        });
        assert!(mentions_the_error, "{paths:?}");
    }

    #[test]
    fn unreadable_design_text_fails_with_the_reader_error() {
        let reply = Jobs::default().run(Requests::default().ask(ExportJob::Files {
            design: "{\"version\": 1, \"vpcs\": 3".to_owned(),
            format: TemplateFormat::Yaml,
            allow_errors: false,
        }));
        match reply.outcome {
            ExportOutcome::Failed(message) => {
                assert!(
                    message.starts_with("the design could not be read: "),
                    "{message}"
                )
            }
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn the_zip_job_packs_the_files_of_the_export_it_names() {
        let design = sample("s3-gateway-endpoint").unwrap().open().unwrap();
        let files = export_files(&design, TemplateFormat::Yaml, false).unwrap();
        let mut jobs = Jobs::default();
        let mut requests = Requests::default();
        let request = requests.ask(files_job(
            "s3-gateway-endpoint",
            TemplateFormat::Yaml,
            false,
        ));
        let export = request.tag;
        jobs.run(request);
        assert_eq!(
            jobs.run(requests.ask(ExportJob::Zip { export })).outcome,
            ExportOutcome::Zip(zip_archive(&files).unwrap())
        );
    }

    #[test]
    fn a_new_export_replaces_the_files_kept_even_when_it_fails() {
        let mut jobs = Jobs::default();
        let mut requests = Requests::default();
        let first = requests.ask(files_job("article-peering", TemplateFormat::Yaml, false));
        let first_export = first.tag;
        jobs.run(first);
        let second = requests.ask(files_job(
            "mistake-overlapping-cidrs",
            TemplateFormat::Yaml,
            false,
        ));
        assert_eq!(
            jobs.run(second).outcome,
            ExportOutcome::Blocked { errors: 1 }
        );
        for job in [
            ExportJob::Preview {
                export: first_export,
                index: 0,
            },
            ExportJob::Zip {
                export: first_export,
            },
        ] {
            assert_eq!(
                jobs.run(requests.ask(job)).outcome,
                ExportOutcome::Failed(NOT_KEPT.to_owned())
            );
        }
    }

    #[test]
    fn only_the_answer_to_the_latest_request_of_its_kind_is_taken() {
        let mut jobs = Jobs::default();
        let mut requests = Requests::default();
        let first =
            jobs.run(requests.ask(files_job("article-peering", TemplateFormat::Yaml, false)));
        assert_eq!(requests.answered(&first), Some(JobKind::Files));

        // A preview, a zip and downloads do not supersede the files, and
        // their answers are told apart from theirs.
        let export = first.tag;
        let preview = jobs.run(requests.ask(ExportJob::Preview { export, index: 0 }));
        let zip = jobs.run(requests.ask(ExportJob::Zip { export }));
        let save_first = jobs.run(requests.ask(ExportJob::Download { export, index: 0 }));
        let save_second = jobs.run(requests.ask(ExportJob::Download { export, index: 1 }));
        assert_eq!(requests.answered(&preview), Some(JobKind::Preview));
        assert_eq!(requests.answered(&zip), Some(JobKind::Zip));
        assert_eq!(requests.answered(&first), Some(JobKind::Files));
        // Every download is taken, not only the latest.
        assert_eq!(requests.answered(&save_first), Some(JobKind::Download));
        assert_eq!(requests.answered(&save_second), Some(JobKind::Download));

        let next_preview = jobs.run(requests.ask(ExportJob::Preview { export, index: 1 }));
        assert_eq!(
            requests.answered(&preview),
            None,
            "a superseded preview was taken"
        );
        assert_eq!(requests.answered(&next_preview), Some(JobKind::Preview));

        let second = requests.ask(files_job("article-peering", TemplateFormat::Json, false));
        assert_eq!(
            requests.answered(&first),
            None,
            "a superseded answer was taken"
        );
        let second = jobs.run(second);
        assert_eq!(requests.answered(&second), Some(JobKind::Files));
        assert_eq!(requests.answered(&zip), Some(JobKind::Zip));

        requests.forget(JobKind::Files);
        assert_eq!(requests.answered(&second), None);
        requests.forget(JobKind::Download);
        assert_eq!(requests.answered(&save_first), None);
    }

    #[test]
    fn messages_survive_the_worker_codec() {
        let mut jobs = Jobs::default();
        let mut requests = Requests::default();
        let request = requests.ask(files_job("s3-gateway-endpoint", TemplateFormat::Yaml, true));
        let export = request.tag;
        let bytes = bincode::serialize(&request).unwrap();
        assert_eq!(
            bincode::deserialize::<ExportRequest>(&bytes).unwrap(),
            request
        );
        let files = jobs.run(request);
        let file = jobs.run(requests.ask(ExportJob::Download { export, index: 1 }));
        for reply in [files, file] {
            let bytes = bincode::serialize(&reply).unwrap();
            assert_eq!(bincode::deserialize::<ExportReply>(&bytes).unwrap(), reply);
        }
    }
}
