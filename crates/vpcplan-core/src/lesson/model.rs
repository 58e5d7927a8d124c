//! The lesson as the app and the tests use it, converted from the file
//! types (`file`) once a file is read.

use crate::LinkKind;
use crate::design::{Design, ServiceId, SubnetId, VpcId};
use crate::diagnostic::Localized;

/// A guided lesson: steps a class follows in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// A stable id (lowercase letters, digits and `-`), such as
    /// `peering-basics`: what a browser remembers progress under.
    pub id: String,
    pub title: Localized,
    /// One or two sentences on what the lesson teaches.
    pub summary: Localized,
    /// Never empty; the first step has a starting design.
    pub steps: Vec<Step>,
}

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub title: Localized,
    /// What the student is asked to do.
    pub instruction: Localized,
    /// The design the step starts from; `None` to continue from the design
    /// the previous step ends with (its solution, when reset).
    pub start: Option<Design>,
    /// What must hold for the step to be done.
    pub goal: Goal,
    /// Hints, shown one at a time, the gentlest first.
    pub hints: Vec<Localized>,
    /// Shown once the goal is met: why it works this way.
    pub explanation: Localized,
    /// The article's section and the AWS sources behind the explanation.
    pub references: Vec<Reference>,
    /// A design that meets the goal, put in place by "show solution".
    pub solution: Design,
}

/// A source to read: a section of the 2020 article or an AWS document.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub title: Localized,
    /// `None` for a source cited by its title alone (the article's
    /// sections).
    pub url: Option<String>,
}

/// A check on the current design.
#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    /// A link of `kind` joins `a` and `b`, in either direction.
    Link {
        kind: LinkKind,
        a: ItemRef,
        b: ItemRef,
    },
    /// Validation reports the rule (by its catalogue id).
    RuleFires { rule: &'static str },
    /// Validation does not report the rule.
    RuleSilent { rule: &'static str },
    /// `from` reaches `to` (`reachability`).
    Reachable { from: ItemRef, to: ItemRef },
    /// `from` does not reach `to`; with `because`, that rule is among the
    /// reasons.
    Unreachable {
        from: ItemRef,
        to: ItemRef,
        because: Option<&'static str>,
    },
    /// Validation reports no error.
    NoErrors,
    /// Every goal holds; the checklist shows each.
    All(Vec<Goal>),
}

/// A thing of the design a goal is about.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemRef {
    Vpc(VpcId),
    Subnet {
        vpc: VpcId,
        subnet: SubnetId,
    },
    /// A service node by its id (an endpoint service, or an AWS service the
    /// starting design holds).
    Service(ServiceId),
    /// Any AWS service node of the catalogue service with this suffix
    /// (`ssm`, `s3`): a node the student adds gets a generated id.
    AwsService(String),
}

impl Lesson {
    /// The design step `index` starts from, which "reset step" puts back:
    /// its own starting design, or else the solution of the step before.
    /// `None` only for an index past the last step.
    pub fn start_of(&self, index: usize) -> Option<&Design> {
        let step = self.steps.get(index)?;
        match &step.start {
            Some(start) => Some(start),
            None => match index.checked_sub(1) {
                Some(previous) => self.steps.get(previous).map(|step| &step.solution),
                // `read_lesson` refuses a first step without a start.
                None => None,
            },
        }
    }
}
