//! An endpoint service's settings (`command/endpoint_service.rs`): acceptance,
//! allowed principals, Regions and IP address types, each checked.

use vpcplan_core::design::*;
use vpcplan_editor::command::{Command, EndpointServiceOptions, Field};
use vpcplan_editor::{Editor, Point};

use crate::check_undo_redo;

#[test]
fn endpoint_service_acceptance_principals_regions_and_ip_types_are_edited_and_checked() {
    let mut editor = Editor::default();
    editor
        .apply(Command::AddEndpointService {
            at: Point::default(),
        })
        .unwrap();
    let id = editor.document().services[0].id.clone();
    check_undo_redo(
        &mut editor,
        Command::SetEndpointServiceOptions {
            service: id.clone(),
            options: EndpointServiceOptions {
                acceptance_required: false,
                allowed_principals: vec!["arn:aws:iam::123456789012:root".into(), " ".into()],
                supported_regions: vec![
                    "us-east-1".into(),
                    "ap-northeast-1".into(),
                    "".into(),
                    "us-east-1".into(),
                ],
                supported_ip_address_types: vec![IpFamily::Ipv6, IpFamily::Ipv4],
            },
        },
    );
    let ServiceKind::EndpointService(es) = &editor.document().services[0].kind else {
        panic!("not an endpoint service");
    };
    assert_eq!(es.allowed_principals, ["arn:aws:iam::123456789012:root"]);
    assert_eq!(
        es.supported_regions,
        ["us-east-1"],
        "its own Region (ap-northeast-1) and repeats are left out"
    );
    assert_eq!(
        es.supported_ip_address_types,
        [IpFamily::Ipv4, IpFamily::Ipv6]
    );
    let options = EndpointServiceOptions::of(es);
    let refused = |options: EndpointServiceOptions, editor: &mut Editor| {
        editor
            .apply(Command::SetEndpointServiceOptions {
                service: id.clone(),
                options,
            })
            .unwrap_err()
    };
    let error = refused(
        EndpointServiceOptions {
            allowed_principals: vec!["*".into(), "123456789012".into()],
            ..options.clone()
        },
        &mut editor,
    );
    assert_eq!(error.field, Field::Principal(1));
    let error = refused(
        EndpointServiceOptions {
            supported_regions: vec!["us-east-1".into(), "us-east-9".into()],
            ..options.clone()
        },
        &mut editor,
    );
    assert_eq!(error.field, Field::SupportedRegion(1));
    let error = refused(
        EndpointServiceOptions {
            supported_ip_address_types: vec![],
            ..options
        },
        &mut editor,
    );
    assert_eq!(error.field, Field::SupportedIpAddressTypes);
}
