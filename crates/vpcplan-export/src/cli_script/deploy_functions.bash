
log() { printf 'vpcplan: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v aws >/dev/null 2>&1 || die "the AWS CLI (aws) is not on PATH"
[[ $VPCPLAN_TIMEOUT =~ ^[0-9]+$ && $VPCPLAN_POLL =~ ^[0-9]+$ ]] ||
    die "VPCPLAN_TIMEOUT and VPCPLAN_POLL must be whole numbers of seconds"

# need NAME VALUE: stops unless VALUE is an id (the AWS CLI prints None when a
# query finds nothing).
need() {
    [[ -n $2 && $2 != None ]] || die "no value for $1: the AWS CLI returned nothing"
}

# wait_ipv4_cidr PROFILE REGION VPC CIDR: waits until a secondary IPv4 CIDR is
# associated with the VPC, so subnets can use it.
wait_ipv4_cidr() {
    local profile=$1 region=$2 vpc=$3 cidr=$4 state deadline=$((SECONDS + VPCPLAN_TIMEOUT))
    while :; do
        state=$(aws ec2 describe-vpcs --profile "$profile" --region "$region" --vpc-ids "$vpc" \
            --query "Vpcs[0].CidrBlockAssociationSet[?CidrBlock=='${cidr}'].CidrBlockState.State | [0]" --output text)
        case $state in
            associated) return 0 ;;
            failed | disassociated) die "associating $cidr with $vpc failed ($state)" ;;
        esac
        ((SECONDS < deadline)) || die "timed out after ${VPCPLAN_TIMEOUT}s waiting for $cidr to be associated with $vpc (state: $state)"
        sleep "$VPCPLAN_POLL"
    done
}

# wait_ipv6_block PROFILE REGION VPC ASSOCIATION: waits until AWS has assigned
# the IPv6 block of an association and prints it, such as 2600:1f14:abc:de00::/56.
wait_ipv6_block() {
    local profile=$1 region=$2 vpc=$3 association=$4 found state block deadline=$((SECONDS + VPCPLAN_TIMEOUT))
    while :; do
        found=$(aws ec2 describe-vpcs --profile "$profile" --region "$region" --vpc-ids "$vpc" \
            --query "Vpcs[0].Ipv6CidrBlockAssociationSet[?AssociationId=='${association}'] | [0].[Ipv6CidrBlockState.State, Ipv6CidrBlock]" --output text)
        read -r state block <<<"$found"
        case $state in
            associated)
                printf '%s\n' "$block"
                return 0
                ;;
            failed | disassociated) die "AWS could not assign an IPv6 block to $vpc ($state)" ;;
        esac
        ((SECONDS < deadline)) || die "timed out after ${VPCPLAN_TIMEOUT}s waiting for an IPv6 block for $vpc (state: $state)"
        sleep "$VPCPLAN_POLL"
    done
}

# ipv6_in BLOCK UPPER LOWER LENGTH: the IPv6 network that lies UPPER /64s
# (decimal) into BLOCK, with LOWER (hex) as its low 64 bits and prefix length
# LENGTH. The design's IPv6 CIDRs are placed this way in the blocks AWS assigns.
ipv6_in() {
    local address=${1%/*} head tail upper lower
    local -a groups=() front=() back=()
    if [[ $address == *::* ]]; then
        head=${address%%::*}
        tail=${address#*::}
        [[ -z $head ]] || IFS=: read -r -a front <<<"$head"
        [[ -z $tail ]] || IFS=: read -r -a back <<<"$tail"
        groups=("${front[@]}")
        while ((${#groups[@]} + ${#back[@]} < 8)); do groups+=(0); done
        groups+=("${back[@]}")
    else
        IFS=: read -r -a groups <<<"$address"
    fi
    ((${#groups[@]} == 8)) || die "not an IPv6 block: $1"
    upper=$(((16#${groups[0]} << 48) | (16#${groups[1]} << 32) | (16#${groups[2]} << 16) | 16#${groups[3]}))
    upper=$((upper + $2))
    lower=$((16#$3))
    if ((lower == 0)); then
        printf '%x:%x:%x:%x::/%s\n' $(((upper >> 48) & 0xffff)) $(((upper >> 32) & 0xffff)) \
            $(((upper >> 16) & 0xffff)) $((upper & 0xffff)) "$4"
    else
        printf '%x:%x:%x:%x:%x:%x:%x:%x/%s\n' $(((upper >> 48) & 0xffff)) $(((upper >> 32) & 0xffff)) \
            $(((upper >> 16) & 0xffff)) $((upper & 0xffff)) $(((lower >> 48) & 0xffff)) \
            $(((lower >> 32) & 0xffff)) $(((lower >> 16) & 0xffff)) $((lower & 0xffff)) "$4"
    fi
}

# wait_peering PROFILE REGION PCX STATUS...: waits until the peering
# connection has one of the statuses and prints it; stops with a message when
# it failed, was rejected, expired or was deleted, or after VPCPLAN_TIMEOUT.
wait_peering() {
    local profile=$1 region=$2 pcx=$3 status wanted deadline=$((SECONDS + VPCPLAN_TIMEOUT))
    shift 3
    while :; do
        status=$(aws ec2 describe-vpc-peering-connections --profile "$profile" --region "$region" \
            --vpc-peering-connection-ids "$pcx" --query 'VpcPeeringConnections[0].Status.Code' --output text)
        for wanted in "$@"; do
            if [[ $status == "$wanted" ]]; then
                printf '%s\n' "$status"
                return 0
            fi
        done
        case $status in
            failed | rejected | expired | deleted | deleting)
                die "peering connection $pcx is $status (seen from $region). Check that the CIDRs do not overlap and that the accepter account and Region are right"
                ;;
        esac
        ((SECONDS < deadline)) || die "timed out after ${VPCPLAN_TIMEOUT}s waiting for peering connection $pcx to be $* (status in $region: $status). Accept it in the accepter account and Region, or raise VPCPLAN_TIMEOUT"
        sleep "$VPCPLAN_POLL"
    done
}

# wait_endpoint PROFILE REGION ENDPOINT: waits until a new endpoint is past
# `pending` and prints its state: pendingAcceptance while the provider must
# accept it, available once it works.
wait_endpoint() {
    local profile=$1 region=$2 endpoint=$3 state deadline=$((SECONDS + VPCPLAN_TIMEOUT))
    while :; do
        state=$(aws ec2 describe-vpc-endpoints --profile "$profile" --region "$region" \
            --vpc-endpoint-ids "$endpoint" --query 'VpcEndpoints[0].State' --output text)
        case ${state,,} in
            pendingacceptance | available)
                printf '%s\n' "$state"
                return 0
                ;;
            rejected | failed | deleting | deleted | expired) die "endpoint $endpoint is $state" ;;
        esac
        ((SECONDS < deadline)) || die "timed out after ${VPCPLAN_TIMEOUT}s waiting for endpoint $endpoint (state: $state)"
        sleep "$VPCPLAN_POLL"
    done
}
