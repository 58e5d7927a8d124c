//! What validation tells a user: a diagnostic names the rule, how serious it
//! is, the things involved (so the UI can highlight them), a message and a fix
//! in English and Japanese with the concrete values filled in, and the AWS
//! source.

use crate::design::{
    AccountId, IntentId, LinkId, RouteTableId, SecurityGroupId, ServiceId, SubnetId, VpcId,
};
use crate::{Lang, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// AWS rejects the design, or it cannot work as drawn.
    Error,
    /// Likely to break, or needs a quota increase or a manual step.
    Warning,
    /// Advice, or an ordering note for the exports.
    Info,
}

impl Severity {
    pub fn name(self) -> Text {
        match self {
            Severity::Error => Text::new("error", "エラー"),
            Severity::Warning => Text::new("warning", "警告"),
            Severity::Info => Text::new("info", "情報"),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Text built at run time, in every language vpcplan speaks.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Localized {
    pub en: String,
    pub ja: String,
}

impl Localized {
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Localized {
        Localized {
            en: en.into(),
            ja: ja.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

impl From<Text> for Localized {
    fn from(text: Text) -> Localized {
        Localized::new(text.en, text.ja)
    }
}

/// A thing in the design that a diagnostic is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Account(AccountId),
    Vpc(VpcId),
    Subnet(SubnetId),
    RouteTable(RouteTableId),
    SecurityGroup(SecurityGroupId),
    Service(ServiceId),
    Link(LinkId),
    Intent(IntentId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The stable rule id, such as `PEER-001`.
    pub rule: &'static str,
    pub severity: Severity,
    pub subjects: Vec<Subject>,
    pub message: Localized,
    pub fix: Localized,
    /// The address of the AWS document that backs the rule.
    pub source: &'static str,
}
