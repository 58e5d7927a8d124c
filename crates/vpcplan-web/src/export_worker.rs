//! The export as a job for the exporter's Web Worker: the messages between the
//! page and the worker, what the worker does with each, and the tags that keep
//! a late answer from being shown for a design or options it was not asked for.
//!
//! The design crosses as its design file text (`write_design` on the page,
//! `read_design` in the worker): the page links the writer anyway for saving
//! and autosave, and the model needs no serde code of its own.

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
    /// Every file of the export of the design (its design file text).
    Files {
        design: String,
        format: TemplateFormat,
        allow_errors: bool,
    },
    /// The given files packed into one zip archive.
    Zip { files: Vec<ExportedFile> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportReply {
    pub tag: RequestTag,
    pub outcome: ExportOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExportOutcome {
    Files(Vec<ExportedFile>),
    /// The design has this many errors and exporting anyway was not chosen.
    Blocked {
        errors: usize,
    },
    Zip(Vec<u8>),
    /// The job could not be done; the message says why.
    Failed(String),
}

/// Does one job; what the worker answers to `request`.
pub fn run(request: ExportRequest) -> ExportReply {
    let outcome = match request.job {
        ExportJob::Files {
            design,
            format,
            allow_errors,
        } => match read_design(&design) {
            Err(error) => ExportOutcome::Failed(format!("the design could not be read: {error}")),
            Ok(design) => match export_files(&design, format, allow_errors) {
                Ok(files) => ExportOutcome::Files(files),
                Err(ExportError::DesignHasErrors(errors)) => ExportOutcome::Blocked {
                    errors: errors.len(),
                },
            },
        },
        ExportJob::Zip { files } => match zip_archive(&files) {
            Ok(bytes) => ExportOutcome::Zip(bytes),
            Err(error) => ExportOutcome::Failed(format!("the zip could not be written: {error}")),
        },
    };
    ExportReply {
        tag: request.tag,
        outcome,
    }
}

/// The exporter's worker: answers every request with [`run`], in order.
pub struct ExportJobs;

impl Worker for ExportJobs {
    type Message = ();
    type Input = ExportRequest;
    type Output = ExportReply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Self
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: ExportRequest, id: HandlerId) {
        scope.respond(id, run(request));
    }
}

/// The two kinds of job; a dialog has at most one of each that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Files,
    Zip,
}

impl ExportJob {
    pub fn kind(&self) -> JobKind {
        match self {
            ExportJob::Files { .. } => JobKind::Files,
            ExportJob::Zip { .. } => JobKind::Zip,
        }
    }
}

/// The requests of one export dialog: every request gets a tag of its own,
/// each new request supersedes the earlier ones of its kind, and only the
/// answer to the latest of a kind is taken.
#[derive(Debug, Default)]
pub struct Requests {
    issued: u64,
    latest_files: Option<RequestTag>,
    latest_zip: Option<RequestTag>,
}

impl Requests {
    /// A request for `job`, superseding the earlier ones of its kind.
    pub fn ask(&mut self, job: ExportJob) -> ExportRequest {
        self.issued += 1;
        let tag = RequestTag(self.issued);
        *self.latest(job.kind()) = Some(tag);
        ExportRequest { tag, job }
    }

    /// The kind of the latest request `reply` answers, or `None` when it
    /// answers a superseded or forgotten one.
    pub fn answered(&self, reply: &ExportReply) -> Option<JobKind> {
        if self.latest_files == Some(reply.tag) {
            Some(JobKind::Files)
        } else if self.latest_zip == Some(reply.tag) {
            Some(JobKind::Zip)
        } else {
            None
        }
    }

    /// Supersedes the requests of `kind` without asking anything new (the
    /// design became blocked, say), so none of their answers is taken.
    pub fn forget(&mut self, kind: JobKind) {
        *self.latest(kind) = None;
    }

    fn latest(&mut self, kind: JobKind) -> &mut Option<RequestTag> {
        match kind {
            JobKind::Files => &mut self.latest_files,
            JobKind::Zip => &mut self.latest_zip,
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

    #[test]
    fn the_worker_exports_the_design_it_is_sent_as_text() {
        let design = sample("article-peering").unwrap().open().unwrap();
        let mut requests = Requests::default();
        let request = requests.ask(files_job("article-peering", TemplateFormat::Json, false));
        let reply = run(request.clone());
        assert_eq!(reply.tag, request.tag);
        assert_eq!(
            reply.outcome,
            ExportOutcome::Files(export_files(&design, TemplateFormat::Json, false).unwrap())
        );
    }

    #[test]
    fn a_design_with_errors_is_blocked_unless_allowed() {
        let mut requests = Requests::default();
        let blocked = run(requests.ask(files_job(
            "mistake-overlapping-cidrs",
            TemplateFormat::Yaml,
            false,
        )));
        assert_eq!(blocked.outcome, ExportOutcome::Blocked { errors: 1 });
        let allowed = run(requests.ask(files_job(
            "mistake-overlapping-cidrs",
            TemplateFormat::Yaml,
            true,
        )));
        match allowed.outcome {
            ExportOutcome::Files(files) => {
                assert!(files.iter().any(|file| file.contents.contains("PEER-001")))
            }
            other => panic!("expected files, got {other:?}"),
        }
    }

    #[test]
    fn unreadable_design_text_fails_with_the_reader_error() {
        let reply = run(Requests::default().ask(ExportJob::Files {
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
    fn the_zip_job_packs_the_files_it_is_given() {
        let files = vec![ExportedFile {
            path: "cli/deploy.sh".to_owned(),
            contents: "#!/usr/bin/env bash\n".to_owned(),
        }];
        let reply = run(Requests::default().ask(ExportJob::Zip {
            files: files.clone(),
        }));
        assert_eq!(
            reply.outcome,
            ExportOutcome::Zip(zip_archive(&files).unwrap())
        );
    }

    #[test]
    fn only_the_answer_to_the_latest_request_of_its_kind_is_taken() {
        let mut requests = Requests::default();
        let first = run(requests.ask(files_job("article-peering", TemplateFormat::Yaml, false)));
        assert_eq!(requests.answered(&first), Some(JobKind::Files));
        let ExportOutcome::Files(files) = first.outcome.clone() else {
            panic!("expected files, got {:?}", first.outcome);
        };

        // A zip request does not supersede the files, and its answer is
        // told apart from theirs.
        let zip = run(requests.ask(ExportJob::Zip { files }));
        assert_eq!(requests.answered(&zip), Some(JobKind::Zip));
        assert_eq!(requests.answered(&first), Some(JobKind::Files));

        let second = requests.ask(files_job("article-peering", TemplateFormat::Json, false));
        assert_eq!(
            requests.answered(&first),
            None,
            "a superseded answer was taken"
        );
        let second = run(second);
        assert_eq!(requests.answered(&second), Some(JobKind::Files));
        assert_eq!(requests.answered(&zip), Some(JobKind::Zip));

        requests.forget(JobKind::Files);
        assert_eq!(requests.answered(&second), None);
    }

    #[test]
    fn messages_survive_the_worker_codec() {
        let mut requests = Requests::default();
        let request = requests.ask(files_job("s3-gateway-endpoint", TemplateFormat::Yaml, true));
        let bytes = bincode::serialize(&request).unwrap();
        assert_eq!(
            bincode::deserialize::<ExportRequest>(&bytes).unwrap(),
            request
        );
        let reply = run(request);
        let bytes = bincode::serialize(&reply).unwrap();
        assert_eq!(bincode::deserialize::<ExportReply>(&bytes).unwrap(), reply);
    }
}
