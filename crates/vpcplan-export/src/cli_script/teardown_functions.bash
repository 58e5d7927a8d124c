
log() { printf 'vpcplan: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v aws >/dev/null 2>&1 || die "the AWS CLI (aws) is not on PATH"
[[ $VPCPLAN_TIMEOUT =~ ^[0-9]+$ && $VPCPLAN_POLL =~ ^[0-9]+$ ]] ||
    die "VPCPLAN_TIMEOUT and VPCPLAN_POLL must be whole numbers of seconds"

FOUND=()

# words TEXT: sets FOUND to the words of an `--output text` result, without
# the None the AWS CLI prints for a missing value.
words() {
    local text=${1//[$'\t\n']/ } word
    local -a all=()
    read -r -a all <<<"$text" || true
    FOUND=()
    for word in "${all[@]}"; do
        [[ $word == None ]] || FOUND+=("$word")
    done
}

# find_ids PROFILE REGION OPERATION QUERY KEY: sets FOUND to the ids of the
# resources tagged vpcplan:key=KEY (KEY holds no quote, backslash or wildcard).
find_ids() {
    local found
    found=$(aws ec2 "$3" --profile "$1" --region "$2" \
        --filters "[{\"Name\":\"tag:vpcplan:key\",\"Values\":[\"$5\"]}]" --query "$4" --output text)
    words "$found"
}

# tolerant COMMAND...: runs an AWS CLI call that deletes something. A resource
# that is already gone counts as deleted; while other resources still depend
# on it (ENIs of an endpoint being deleted, say), it retries until
# VPCPLAN_TIMEOUT; any other error stops the script.
tolerant() {
    local error deadline=$((SECONDS + VPCPLAN_TIMEOUT))
    while :; do
        if error=$("$@" 2>&1 >/dev/null); then
            return 0
        fi
        case $error in
            *NotFound* | *"does not exist"*) return 0 ;;
            *DependencyViolation* | *IncorrectState* | *InvalidState* | *"in use"*) ;;
            *) die "$3 failed: $error" ;;
        esac
        ((SECONDS < deadline)) || die "timed out after ${VPCPLAN_TIMEOUT}s: $3 still fails: $error"
        sleep "$VPCPLAN_POLL"
    done
}

# delete_tagged PROFILE REGION KEY DESCRIBE QUERY DELETE ID-FLAG: deletes every
# resource tagged vpcplan:key=KEY.
delete_tagged() {
    local profile=$1 region=$2 key=$3 describe=$4 query=$5 delete=$6 flag=$7 id
    find_ids "$profile" "$region" "$describe" "$query" "$key"
    for id in "${FOUND[@]}"; do
        log "$delete $id"
        tolerant aws ec2 "$delete" --profile "$profile" --region "$region" "$flag" "$id"
    done
}

delete_security_groups() {
    delete_tagged "$1" "$2" "$3" describe-security-groups 'SecurityGroups[].GroupId' delete-security-group --group-id
}
delete_subnets() {
    delete_tagged "$1" "$2" "$3" describe-subnets 'Subnets[].SubnetId' delete-subnet --subnet-id
}
delete_vpcs() {
    delete_tagged "$1" "$2" "$3" describe-vpcs 'Vpcs[].VpcId' delete-vpc --vpc-id
}

# reject_connections PROFILE REGION SERVICE: rejects the connections of
# endpoints outside the design, which keep an endpoint service from being
# deleted.
reject_connections() {
    local profile=$1 region=$2 service=$3 found
    found=$(aws ec2 describe-vpc-endpoint-connections --profile "$profile" --region "$region" \
        --query "VpcEndpointConnections[?ServiceId=='${service}' && VpcEndpointState!='rejected' && VpcEndpointState!='deleted'].VpcEndpointId" --output text)
    words "$found"
    if ((${#FOUND[@]} > 0)); then
        log "rejecting the connections of $service: ${FOUND[*]}"
        tolerant aws ec2 reject-vpc-endpoint-connections --profile "$profile" --region "$region" \
            --service-id "$service" --vpc-endpoint-ids "${FOUND[@]}"
    fi
}

# delete_endpoints PROFILE REGION KEY: asks AWS to delete the endpoint tagged KEY.
delete_endpoints() {
    local profile=$1 region=$2 key=$3 endpoint failed
    find_ids "$profile" "$region" describe-vpc-endpoints \
        "VpcEndpoints[?State!='deleted' && State!='Deleted' && State!='deleting' && State!='Deleting'].VpcEndpointId" "$key"
    for endpoint in "${FOUND[@]}"; do
        log "delete-vpc-endpoints $endpoint"
        failed=$(aws ec2 delete-vpc-endpoints --profile "$profile" --region "$region" \
            --vpc-endpoint-ids "$endpoint" --query 'Unsuccessful[].Error.Code' --output text)
        case $failed in
            '' | None | *NotFound*) ;;
            *) die "could not delete endpoint $endpoint: $failed" ;;
        esac
    done
}

# wait_endpoints_gone PROFILE REGION KEY: waits until the endpoint tagged KEY
# is deleted (its network interfaces go with it).
wait_endpoints_gone() {
    local profile=$1 region=$2 key=$3 deadline=$((SECONDS + VPCPLAN_TIMEOUT))
    while :; do
        find_ids "$profile" "$region" describe-vpc-endpoints \
            "VpcEndpoints[?State!='deleted' && State!='Deleted'].VpcEndpointId" "$key"
        ((${#FOUND[@]} > 0)) || return 0
        ((SECONDS < deadline)) || die "timed out after ${VPCPLAN_TIMEOUT}s waiting for endpoint ${FOUND[*]} to be deleted"
        sleep "$VPCPLAN_POLL"
    done
}

# delete_endpoint_services PROFILE REGION KEY: deletes the endpoint service
# tagged KEY; when endpoints outside the design still use it, rejects their
# connections first.
delete_endpoint_services() {
    local profile=$1 region=$2 key=$3 service failed
    local -a services=()
    find_ids "$profile" "$region" describe-vpc-endpoint-service-configurations \
        'ServiceConfigurations[].ServiceId' "$key"
    services=("${FOUND[@]}")
    for service in "${services[@]}"; do
        log "delete-vpc-endpoint-service-configurations $service"
        failed=$(aws ec2 delete-vpc-endpoint-service-configurations --profile "$profile" --region "$region" \
            --service-ids "$service" --query 'Unsuccessful[].Error.Code' --output text)
        case $failed in
            '' | None | *NotFound*) continue ;;
        esac
        log "$service is still in use ($failed)"
        reject_connections "$profile" "$region" "$service"
        failed=$(aws ec2 delete-vpc-endpoint-service-configurations --profile "$profile" --region "$region" \
            --service-ids "$service" --query 'Unsuccessful[].Error.Code' --output text)
        case $failed in
            '' | None | *NotFound*) ;;
            *) die "could not delete endpoint service $service: $failed" ;;
        esac
    done
}

# find_peerings PROFILE REGION KEY: sets FOUND to the live peering connections
# tagged KEY (tags are the requester's, so use the requester's account).
find_peerings() {
    find_ids "$1" "$2" describe-vpc-peering-connections \
        "VpcPeeringConnections[?Status.Code!='deleted' && Status.Code!='rejected' && Status.Code!='failed' && Status.Code!='expired'].VpcPeeringConnectionId" "$3"
}

# delete_peering_routes PROFILE REGION TABLE-KEY PCX: deletes the routes
# through the peering connection from the route table tagged TABLE-KEY.
delete_peering_routes() {
    local profile=$1 region=$2 key=$3 pcx=$4 table destination found
    local -a tables=()
    find_ids "$profile" "$region" describe-route-tables 'RouteTables[].RouteTableId' "$key"
    tables=("${FOUND[@]}")
    for table in "${tables[@]}"; do
        found=$(aws ec2 describe-route-tables --profile "$profile" --region "$region" --route-table-ids "$table" \
            --query "RouteTables[0].Routes[?VpcPeeringConnectionId=='${pcx}'].DestinationCidrBlock" --output text)
        words "$found"
        for destination in "${FOUND[@]}"; do
            log "delete-route $table $destination"
            tolerant aws ec2 delete-route --profile "$profile" --region "$region" \
                --route-table-id "$table" --destination-cidr-block "$destination"
        done
        found=$(aws ec2 describe-route-tables --profile "$profile" --region "$region" --route-table-ids "$table" \
            --query "RouteTables[0].Routes[?VpcPeeringConnectionId=='${pcx}'].DestinationIpv6CidrBlock" --output text)
        words "$found"
        for destination in "${FOUND[@]}"; do
            log "delete-route $table $destination"
            tolerant aws ec2 delete-route --profile "$profile" --region "$region" \
                --route-table-id "$table" --destination-ipv6-cidr-block "$destination"
        done
    done
}

# delete_route_tables PROFILE REGION KEY: disassociates the route table tagged
# KEY from its subnets and deletes it.
delete_route_tables() {
    local profile=$1 region=$2 key=$3 table association found
    local -a tables=()
    find_ids "$profile" "$region" describe-route-tables 'RouteTables[].RouteTableId' "$key"
    tables=("${FOUND[@]}")
    for table in "${tables[@]}"; do
        found=$(aws ec2 describe-route-tables --profile "$profile" --region "$region" --route-table-ids "$table" \
            --query 'RouteTables[0].Associations[?!Main].RouteTableAssociationId' --output text)
        words "$found"
        for association in "${FOUND[@]}"; do
            log "disassociate-route-table $association"
            tolerant aws ec2 disassociate-route-table --profile "$profile" --region "$region" \
                --association-id "$association"
        done
        log "delete-route-table $table"
        tolerant aws ec2 delete-route-table --profile "$profile" --region "$region" --route-table-id "$table"
    done
}

# revoke_ingress PROFILE REGION KEY: removes every inbound rule of the security
# group tagged KEY, so groups that refer to each other can be deleted.
revoke_ingress() {
    local profile=$1 region=$2 key=$3 group permissions
    find_ids "$profile" "$region" describe-security-groups 'SecurityGroups[].GroupId' "$key"
    for group in "${FOUND[@]}"; do
        permissions=$(aws ec2 describe-security-groups --profile "$profile" --region "$region" \
            --group-ids "$group" --query 'SecurityGroups[0].IpPermissions' --output json)
        if [[ $permissions == *IpProtocol* ]]; then
            log "revoke-security-group-ingress $group"
            tolerant aws ec2 revoke-security-group-ingress --profile "$profile" --region "$region" \
                --group-id "$group" --ip-permissions "$permissions"
        fi
    done
}

# disassociate_cidrs PROFILE REGION KEY: removes the secondary IPv4 CIDRs and
# the IPv6 blocks of the VPC tagged KEY.
disassociate_cidrs() {
    local profile=$1 region=$2 key=$3 vpc primary association found
    local -a vpcs=()
    find_ids "$profile" "$region" describe-vpcs 'Vpcs[].VpcId' "$key"
    vpcs=("${FOUND[@]}")
    for vpc in "${vpcs[@]}"; do
        primary=$(aws ec2 describe-vpcs --profile "$profile" --region "$region" --vpc-ids "$vpc" \
            --query 'Vpcs[0].CidrBlock' --output text)
        found=$(aws ec2 describe-vpcs --profile "$profile" --region "$region" --vpc-ids "$vpc" \
            --query "Vpcs[0].[CidrBlockAssociationSet[?CidrBlock!='${primary}' && CidrBlockState.State=='associated'].AssociationId, Ipv6CidrBlockAssociationSet[?Ipv6CidrBlockState.State=='associated'].AssociationId][]" --output text)
        words "$found"
        for association in "${FOUND[@]}"; do
            log "disassociate-vpc-cidr-block $association"
            tolerant aws ec2 disassociate-vpc-cidr-block --profile "$profile" --region "$region" \
                --association-id "$association"
        done
    done
}
