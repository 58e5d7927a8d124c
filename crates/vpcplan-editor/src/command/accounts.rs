//! Planning the account commands: moving a VPC to an account and naming
//! accounts.

use vpcplan_core::design::*;
use vpcplan_core::diagnostic::Subject;

use super::{EditError, Field, Planner, Result, vpc};
use crate::patch::Record;

impl Planner<'_> {
    pub(super) fn set_account(&mut self, id: &VpcId, account: &str) -> Result<()> {
        let mut vpc = vpc(self.design, id)?.clone();
        let account = check_account(Subject::Vpc(id.clone()), account)?;
        if !self.design.accounts.iter().any(|a| a.id == account) {
            self.changes.add(Record::Account(Account {
                id: account.clone(),
                name: String::new(),
            }));
        }
        vpc.account = account;
        self.changes.update(Record::Vpc(vpc));
        Ok(())
    }

    pub(super) fn rename_account(&mut self, account: &AccountId, name: &str) -> Result<()> {
        let mut record = self
            .design
            .accounts
            .iter()
            .find(|a| &a.id == account)
            .cloned()
            .ok_or_else(|| {
                EditError::new(
                    Some(Subject::Account(account.clone())),
                    Field::Account,
                    format!("There is no account {account} in the design."),
                    format!("設計にアカウント{account}がありません。"),
                )
            })?;
        record.name = name.trim().to_owned();
        self.changes.update(Record::Account(record));
        Ok(())
    }
}

fn check_account(subject: Subject, account: &str) -> Result<AccountId> {
    let account = account.trim();
    if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) {
        Ok(AccountId::from(account))
    } else {
        Err(EditError::new(
            Some(subject),
            Field::Account,
            format!("{account:?} is not an AWS account id: it must be 12 digits."),
            format!("{account:?}はAWSアカウントIDではありません。12桁の数字で入力してください。"),
        ))
    }
}
