//! The CloudFormation source: templates in YAML (short-form tags such as
//! `!Ref`, `!GetAtt`, `!Sub`) or JSON, read into one JSON value per
//! template with every short form written in its long form (`template`),
//! then mapped into the design.

mod template;

pub(crate) use template::{Template, read};

use crate::ImportError;
use crate::build::Builder;
use crate::report::Said;

/// Templates are read (so that a malformed one gets its located error) but
/// not yet mapped: the import is refused with a message rather than giving
/// an empty design.
pub(crate) fn build(templates: &[Template], _builder: &mut Builder) -> Result<(), ImportError> {
    match templates.first() {
        None => Ok(()),
        Some(template) => Err(ImportError::new(
            &template.name,
            Said::new(
                format!(
                    "the template reads ({} resources), but CloudFormation templates are not \
                     imported yet; import the collector's bundle",
                    template.resources.len()
                ),
                format!(
                    "テンプレートは読めます (リソース {} 個) が、CloudFormation テンプレートはまだ\
                     インポートできません。コレクターのバンドルをインポートしてください",
                    template.resources.len()
                ),
            ),
        )),
    }
}
