//! The chooser that follows a link gesture: the three kinds of link for the
//! pair, each allowed or not with the advisor's reasons, the recommended one
//! marked, and which one the keyboard has highlighted.

use vpcplan_core::advisor::{Advice, advise};
use vpcplan_core::diagnostic::Localized;
use vpcplan_core::link_kind::LinkKind;
use vpcplan_core::{Design, Reason};

use crate::items::NodeId;

#[derive(Debug, Clone, PartialEq)]
pub struct LinkOption {
    pub kind: LinkKind,
    pub allowed: bool,
    pub recommended: bool,
    /// Why the link cannot be made (empty when allowed).
    pub blockers: Vec<Reason>,
    /// What it gives, costs and caveats.
    pub notes: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LinkChoice {
    /// The nodes as the user picked them (first the one dragged from).
    pub from: NodeId,
    pub to: NodeId,
    /// Peering, interface endpoint, gateway endpoint, in that order.
    pub options: Vec<LinkOption>,
    pub recommended: Option<LinkKind>,
    pub recommendation: Localized,
    /// About the pair as a whole (swapped order, links that exist already).
    pub notes: Vec<Reason>,
    /// The option the keyboard points at: the recommended one at first,
    /// else the first allowed one, else the first.
    pub highlighted: usize,
}

impl LinkChoice {
    pub fn new(design: &Design, from: NodeId, to: NodeId) -> LinkChoice {
        let advice: Advice = advise(design, &from.to_core(), &to.to_core());
        let options: Vec<LinkOption> = advice
            .options()
            .into_iter()
            .map(|option| LinkOption {
                kind: option.kind,
                allowed: option.allowed,
                recommended: advice.recommended == Some(option.kind),
                blockers: option.blockers.clone(),
                notes: option.notes.clone(),
            })
            .collect();
        let highlighted = options
            .iter()
            .position(|o| o.recommended)
            .or_else(|| options.iter().position(|o| o.allowed))
            .unwrap_or(0);
        LinkChoice {
            from,
            to,
            options,
            recommended: advice.recommended,
            recommendation: advice.recommendation,
            notes: advice.notes,
            highlighted,
        }
    }

    pub fn option(&self, kind: LinkKind) -> Option<&LinkOption> {
        self.options.iter().find(|o| o.kind == kind)
    }

    /// Moves the highlight by `step` options, wrapping around.
    pub fn move_highlight(&mut self, step: isize) {
        let n = self.options.len() as isize;
        if n > 0 {
            self.highlighted = (self.highlighted as isize + step).rem_euclid(n) as usize;
        }
    }

    pub fn highlighted_kind(&self) -> Option<LinkKind> {
        self.options.get(self.highlighted).map(|o| o.kind)
    }
}
