//! The design under construction, shared by the sources: accounts added
//! once, AWS service nodes found or created once per service and Region,
//! ids kept unique, and the report written as items are made.

use std::collections::{HashMap, HashSet};

use vpcplan_core::Design;
use vpcplan_core::design::{Account, AccountId, Position, Service, ServiceId, ServiceKind};

use crate::Imported;
use crate::report::{Entry, Item, ItemKind, Outcome, Report, Said};

#[derive(Default)]
pub(crate) struct Builder {
    pub design: Design,
    pub report: Report,
    taken: HashSet<String>,
    aws_services: HashMap<(String, String), ServiceId>,
}

impl Builder {
    pub fn finish(mut self) -> Imported {
        if self.design.name.is_empty() {
            self.design.name = "Imported network".to_owned();
        }
        Imported {
            design: self.design,
            report: self.report,
        }
    }

    /// `wanted`, or `wanted-2`, … when another item already has it.
    pub fn unique_id(&mut self, wanted: &str) -> String {
        let wanted = if wanted.is_empty() { "item" } else { wanted };
        let mut candidate = wanted.to_owned();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{wanted}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    /// Adds the account once.
    pub fn account(&mut self, id: &str) -> AccountId {
        let id = AccountId::new(id);
        if !self.design.accounts.iter().any(|account| account.id == id) {
            self.design.accounts.push(Account {
                id: id.clone(),
                name: format!("Account {id}"),
            });
        }
        id
    }

    /// The service node of an AWS service in a Region, created once.
    pub fn aws_service(&mut self, region: &str, suffix: &str) -> ServiceId {
        let key = (region.to_owned(), suffix.to_owned());
        if let Some(id) = self.aws_services.get(&key) {
            return id.clone();
        }
        let id = ServiceId::new(self.unique_id(&format!("svc-{suffix}-{region}")));
        let name = vpcplan_core::catalogue::aws_service(suffix).map_or_else(
            || suffix.to_owned(),
            |service| service.display_name.to_owned(),
        );
        self.design.services.push(Service {
            id: id.clone(),
            name,
            region: region.to_owned(),
            kind: ServiceKind::Aws {
                service: suffix.to_owned(),
            },
            position: Position::default(),
        });
        self.aws_services.insert(key, id.clone());
        id
    }

    /// Mapped, or partial when something was lost.
    pub fn mapped_losing(
        &mut self,
        file: &str,
        resource_type: &str,
        resource: &str,
        item: Item,
        lost: Vec<Said>,
    ) {
        let outcome = if lost.is_empty() {
            Outcome::Mapped { item }
        } else {
            Outcome::Partial { item, lost }
        };
        self.entry(file, resource_type, resource, outcome);
    }

    pub fn skipped(&mut self, file: &str, resource_type: &str, resource: &str, reason: Said) {
        self.entry(file, resource_type, resource, Outcome::Skipped { reason });
    }

    fn entry(&mut self, file: &str, resource_type: &str, resource: &str, outcome: Outcome) {
        self.report.entries.push(Entry {
            file: file.to_owned(),
            resource_type: resource_type.to_owned(),
            resource: resource.to_owned(),
            outcome,
        });
    }
}

/// The design item of a VPC.
pub(crate) fn vpc_item(id: &str) -> Item {
    Item::new(ItemKind::Vpc, id)
}

/// The AWS service suffix of a service name such as
/// `com.amazonaws.ap-northeast-1.ecr.dkr` in `region` (`ecr.dkr`), when it
/// is an AWS service's name.
pub(crate) fn aws_service_suffix<'a>(service_name: &'a str, region: &str) -> Option<&'a str> {
    let rest = service_name
        .strip_prefix("cn.com.amazonaws.")
        .or_else(|| service_name.strip_prefix("com.amazonaws."))?;
    let suffix = rest.strip_prefix(region)?.strip_prefix('.')?;
    (!suffix.is_empty() && !suffix.starts_with("vpce")).then_some(suffix)
}

/// The Region and AWS service suffix of a service name whose Region is not
/// known otherwise (a template that does not say where it is deployed):
/// the Region named in it, when vpcplan knows it.
pub(crate) fn aws_service_anywhere(service_name: &str) -> Option<(&'static str, &str)> {
    vpcplan_core::regions::REGIONS.iter().find_map(|region| {
        aws_service_suffix(service_name, region.code).map(|suffix| (region.code, suffix))
    })
}
