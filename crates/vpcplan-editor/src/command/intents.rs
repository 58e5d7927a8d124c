//! Planning the required-flow commands: keeping a reachability question as
//! a required flow (an intent of the design), changing its ends, removing
//! it. Validation checks every required flow on every edit, and the
//! exporters open interface endpoints to the consumers the flows name.

use vpcplan_core::design::*;
use vpcplan_core::diagnostic::Subject;

use super::{EditError, Field, Planner, Result, missing_node, vpc};
use crate::items::NodeId;
use crate::patch::{Record, RecordId};

impl Planner<'_> {
    pub(super) fn add_intent(&mut self, from: &IntentSource, to: &IntentTarget) -> Result<()> {
        self.check_intent(None, from, to)?;
        let id = IntentId::new(self.ids.next("flow"));
        self.changes.add(Record::Intent(Intent {
            id,
            from: from.clone(),
            to: to.clone(),
        }));
        Ok(())
    }

    pub(super) fn edit_intent(
        &mut self,
        id: &IntentId,
        from: &IntentSource,
        to: &IntentTarget,
    ) -> Result<()> {
        let intent = intent(self.design, id)?;
        self.check_intent(Some(id), from, to)?;
        self.changes.update(Record::Intent(Intent {
            id: intent.id.clone(),
            from: from.clone(),
            to: to.clone(),
        }));
        Ok(())
    }

    pub(super) fn remove_intent(&mut self, id: &IntentId) -> Result<()> {
        intent(self.design, id)?;
        self.changes.remove(RecordId::Intent(id.clone()));
        Ok(())
    }

    /// Both ends exist, differ, and no other required flow has the same.
    fn check_intent(
        &self,
        editing: Option<&IntentId>,
        from: &IntentSource,
        to: &IntentTarget,
    ) -> Result<()> {
        let from_vpc = match from {
            IntentSource::Vpc(id) => vpc(self.design, id)?,
            IntentSource::Subnet { vpc: id, subnet } => {
                let owner = vpc(self.design, id)?;
                if !owner.subnets.iter().any(|s| &s.id == subnet) {
                    return Err(EditError::new(
                        Some(Subject::Subnet(subnet.clone())),
                        Field::Command,
                        format!("There is no subnet {subnet} in {}.", owner.label()),
                        format!("{}にサブネット{subnet}がありません。", owner.label()),
                    ));
                }
                owner
            }
        };
        match to {
            IntentTarget::Vpc(id) => {
                vpc(self.design, id)?;
                if id == &from_vpc.id {
                    return Err(EditError::new(
                        Some(Subject::Vpc(id.clone())),
                        Field::Command,
                        format!(
                            "A required flow goes from one VPC to another; {} is both ends.",
                            from_vpc.label()
                        ),
                        format!(
                            "必須フローは別のVPCへの通信です。{}が両端になっています。",
                            from_vpc.label()
                        ),
                    ));
                }
            }
            IntentTarget::Service(id) => {
                if self.design.service(id).is_none() {
                    return Err(missing_node(&NodeId::Service(id.clone())));
                }
            }
        }
        if let Some(same) =
            self.design.intents.iter().find(|intent| {
                Some(&intent.id) != editing && &intent.from == from && &intent.to == to
            })
        {
            return Err(EditError::new(
                Some(Subject::Intent(same.id.clone())),
                Field::Command,
                format!("This flow is already required ({}).", same.id),
                format!("この通信はすでに必須フローです({})。", same.id),
            ));
        }
        Ok(())
    }
}

fn intent<'d>(design: &'d Design, id: &IntentId) -> Result<&'d Intent> {
    design
        .intents
        .iter()
        .find(|intent| &intent.id == id)
        .ok_or_else(|| {
            EditError::new(
                Some(Subject::Intent(id.clone())),
                Field::Command,
                format!("There is no required flow {id} in the design."),
                format!("設計に必須フロー{id}がありません。"),
            )
        })
}
