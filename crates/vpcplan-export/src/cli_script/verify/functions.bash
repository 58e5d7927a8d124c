
log() { printf 'vpcplan: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ASSUME_YES=false
for argument in "$@"; do
    case $argument in
        --yes | -y) ASSUME_YES=true ;;
        --help | -h)
            printf 'usage: %s [--yes]\n  --yes  run the analyses without asking first (AWS charges for each)\n' "$0"
            exit 0
            ;;
        *) die "unknown argument: $argument (usage: $0 [--yes])" ;;
    esac
done

command -v aws >/dev/null 2>&1 || die "the AWS CLI (aws) is not on PATH"
[[ $VPCPLAN_TIMEOUT =~ ^[0-9]+$ && $VPCPLAN_POLL =~ ^[0-9]+$ ]] ||
    die "VPCPLAN_TIMEOUT and VPCPLAN_POLL must be whole numbers of seconds"

# The tag value that marks everything this run creates.
RUN_ID="verify-$(date -u +%Y%m%dT%H%M%SZ)-$$"
AGREED=0 DISAGREED=0 FAILED=0 SKIPPED=0
declare -A ALLOWED=()
CREATED_PROFILE=() CREATED_REGION=() CREATED_KIND=() CREATED_ID=()

# need NAME VALUE: stops unless VALUE is an id (the AWS CLI prints None when a
# query finds nothing).
need() {
    [[ -n $2 && $2 != None ]] || die "no value for $1: the AWS CLI returned nothing"
}

# plan_line INTENT LABEL EXPECTED HOW: one line of what the run will do.
plan_line() {
    printf '  intent %s: %s (vpcplan expects %s): %s\n' "$1" "$2" "$3" "$4" >&2
}

# confirm: says how many analyses the run makes and what they cost, and asks
# before anything is created unless --yes was given.
confirm() {
    if ((DESIGN_ANALYSES == 0)); then
        log "no intent of the design can be analysed; nothing to do"
        exit 0
    fi
    log "this run makes ${DESIGN_ANALYSES} Reachability Analyzer analyses, one per intent analysed; AWS charges for each analysis (${PRICING})"
    log "it creates temporary network interfaces and security groups, and the paths and analyses, tagged vpcplan:verify=${RUN_ID}, and deletes them when it ends"
    "$ASSUME_YES" && return 0
    local answer=
    printf 'vpcplan: run %s analyses? [y/N] ' "$DESIGN_ANALYSES" >&2
    read -r answer || true
    [[ $answer == [yY] || $answer == [yY][eE][sS] ]] ||
        die "not confirmed; nothing was created (run with --yes to skip the question)"
    return 0
}

# remember PROFILE REGION KIND ID: records a resource for cleanup.
remember() {
    CREATED_PROFILE+=("$1")
    CREATED_REGION+=("$2")
    CREATED_KIND+=("$3")
    CREATED_ID+=("$4")
}

# delete_created PROFILE REGION KIND ID: deletes one resource this run made.
delete_created() {
    local profile=$1 region=$2 kind=$3 id=$4 deadline=$((SECONDS + VPCPLAN_TIMEOUT))
    log "deleting the temporary $kind $id"
    case $kind in
        network-insights-analysis)
            aws ec2 delete-network-insights-analysis --profile "$profile" --region "$region" \
                --network-insights-analysis-id "$id" >/dev/null
            ;;
        network-insights-path)
            aws ec2 delete-network-insights-path --profile "$profile" --region "$region" \
                --network-insights-path-id "$id" >/dev/null
            ;;
        network-interface)
            aws ec2 delete-network-interface --profile "$profile" --region "$region" \
                --network-interface-id "$id"
            ;;
        security-group)
            # The group stays in use until its interfaces are gone.
            until aws ec2 delete-security-group --profile "$profile" --region "$region" \
                --group-id "$id" >/dev/null; do
                ((SECONDS < deadline)) || return 1
                log "waiting for the interfaces of $id to be gone"
                sleep "$VPCPLAN_POLL"
            done
            ;;
    esac
}

# cleanup: on exit, whatever happened, deletes what the run created, newest
# first (analyses before their paths, interfaces before their groups).
cleanup() {
    local status=$? index left=0
    trap - EXIT
    set +e
    for ((index = ${#CREATED_ID[@]} - 1; index >= 0; index--)); do
        delete_created "${CREATED_PROFILE[index]}" "${CREATED_REGION[index]}" \
            "${CREATED_KIND[index]}" "${CREATED_ID[index]}" || left=$((left + 1))
    done
    if ((left > 0)); then
        log "ERROR: $left temporary resource(s) could not be deleted; find them by the tag vpcplan:verify=${RUN_ID}"
        ((status != 0)) || status=1
    fi
    exit "$status"
}

# find_one VAR KIND PROFILE REGION FILTERS WHAT: sets VAR to the id of the one
# resource of KIND (vpcs, subnets, vpc-endpoints) matching FILTERS (JSON);
# stops unless exactly one matches.
find_one() {
    local query found
    local -a ids=()
    case $2 in
        vpcs) query='Vpcs[].VpcId' ;;
        subnets) query='Subnets[].SubnetId' ;;
        vpc-endpoints) query='VpcEndpoints[].VpcEndpointId' ;;
        *) die "find_one: unknown kind $2" ;;
    esac
    found=$(aws ec2 "describe-$2" --profile "$3" --region "$4" --filters "$5" \
        --query "$query" --output text)
    read -r -a ids <<<"$found"
    case ${#ids[@]} in
        1) printf -v "$1" '%s' "${ids[0]}" ;;
        0) die "$6 was not found in account profile $3, Region $4; deploy the design first" ;;
        *) die "$6 was found ${#ids[@]} times (${ids[*]}); verify.sh needs the design deployed once" ;;
    esac
}

# find_service_name VAR PROFILE REGION FILTERS WHAT: sets VAR to the service
# name AWS gave the one endpoint service (in the provider's account) matching
# FILTERS; stops unless exactly one matches.
find_service_name() {
    local found
    local -a names=()
    found=$(aws ec2 describe-vpc-endpoint-service-configurations --profile "$2" --region "$3" \
        --filters "$4" --query 'ServiceConfigurations[].ServiceName' --output text)
    read -r -a names <<<"$found"
    case ${#names[@]} in
        1) printf -v "$1" '%s' "${names[0]}" ;;
        0) die "$5 was not found in account profile $2, Region $3; deploy the design first" ;;
        *) die "$5 was found ${#names[@]} times (${names[*]}); verify.sh needs the design deployed once" ;;
    esac
}

# temp_group VAR PROFILE REGION VPC: creates the temporary security group of
# the interfaces in VPC: all outbound traffic (a new group's default), and
# inbound only what allow_from adds.
temp_group() {
    local id
    log "creating a temporary security group in $4"
    id=$(aws ec2 create-security-group --profile "$2" --region "$3" --vpc-id "$4" \
        --group-name "vpcplan-${RUN_ID}" \
        --description "vpcplan verify.sh: temporary, deleted when the script ends" \
        --tag-specifications "$TAGS_SECURITY_GROUP" --query GroupId --output text)
    if [[ -n $id && $id != None ]]; then remember "$2" "$3" security-group "$id"; fi
    need "$1" "$id"
    printf -v "$1" '%s' "$id"
}

# temp_interface VAR ADDRESS_VAR PROFILE REGION SUBNET GROUP: creates a
# temporary network interface in SUBNET, the end of a path; sets VAR to its id
# and ADDRESS_VAR to its private IPv4 address.
temp_interface() {
    local found id address
    log "creating a temporary network interface in $5"
    found=$(aws ec2 create-network-interface --profile "$3" --region "$4" --subnet-id "$5" \
        --groups "$6" --description "vpcplan verify.sh: temporary, deleted when the script ends" \
        --tag-specifications "$TAGS_NETWORK_INTERFACE" \
        --query 'NetworkInterface.[NetworkInterfaceId, PrivateIpAddress]' --output text)
    read -r id address <<<"$found"
    if [[ -n $id && $id != None ]]; then remember "$3" "$4" network-interface "$id"; fi
    need "$1" "$id"
    need "$2" "$address"
    printf -v "$1" '%s' "$id"
    printf -v "$2" '%s' "$address"
}

# allow_from PROFILE REGION GROUP ADDRESS PORT: lets TCP PORT in from ADDRESS
# to the temporary group, once.
allow_from() {
    local key="$3 $4 $5"
    [[ -z ${ALLOWED[$key]:-} ]] || return 0
    aws ec2 authorize-security-group-ingress --profile "$1" --region "$2" --group-id "$3" \
        --protocol tcp --port "$5" --cidr "$4/32" >/dev/null
    ALLOWED[$key]=1
}

# start_analysis VAR PROFILE REGION SOURCE DESTINATION PORT INTENT: creates the
# path of an intent and starts its analysis; sets VAR to the analysis id.
start_analysis() {
    local path analysis
    log "analysing intent $7"
    path=$(aws ec2 create-network-insights-path --profile "$2" --region "$3" \
        --source "$4" --destination "$5" --protocol tcp --destination-port "$6" \
        --tag-specifications "$TAGS_PATH" \
        --query NetworkInsightsPath.NetworkInsightsPathId --output text)
    if [[ -n $path && $path != None ]]; then remember "$2" "$3" network-insights-path "$path"; fi
    need "the path of intent $7" "$path"
    analysis=$(aws ec2 start-network-insights-analysis --profile "$2" --region "$3" \
        --network-insights-path-id "$path" --tag-specifications "$TAGS_ANALYSIS" \
        --query NetworkInsightsAnalysis.NetworkInsightsAnalysisId --output text)
    if [[ -n $analysis && $analysis != None ]]; then
        remember "$2" "$3" network-insights-analysis "$analysis"
    fi
    need "the analysis of intent $7" "$analysis"
    printf -v "$1" '%s' "$analysis"
}

# verdict INTENT LABEL EXPECTED PROFILE REGION ANALYSIS: waits until the
# analysis is no longer running and prints whether AWS found the path, beside
# what vpcplan expects.
verdict() {
    local found status path_found message deadline=$((SECONDS + VPCPLAN_TIMEOUT)) seen
    while :; do
        found=$(aws ec2 describe-network-insights-analyses --profile "$4" --region "$5" \
            --network-insights-analysis-ids "$6" \
            --query 'NetworkInsightsAnalyses[0].[Status, NetworkPathFound, StatusMessage]' --output text)
        IFS=$'\t' read -r status path_found message <<<"$found"
        [[ $status == running ]] || break
        if ((SECONDS >= deadline)); then
            status="still running after ${VPCPLAN_TIMEOUT}s"
            break
        fi
        sleep "$VPCPLAN_POLL"
    done
    case ${path_found,,} in
        true) seen=reachable ;;
        *) seen=unreachable ;;
    esac
    if [[ $status != succeeded ]]; then
        FAILED=$((FAILED + 1))
        printf 'FAILED    intent %s: %s: vpcplan expects %s; AWS could not analyse it (%s: %s)\n' \
            "$1" "$2" "$3" "$status" "$message"
    elif [[ $seen == "$3" ]]; then
        AGREED=$((AGREED + 1))
        printf 'AGREE     intent %s: %s: vpcplan expects %s; AWS finds it %s\n' "$1" "$2" "$3" "$seen"
    else
        DISAGREED=$((DISAGREED + 1))
        printf 'DISAGREE  intent %s: %s: vpcplan expects %s; AWS finds it %s (analysis %s)\n' \
            "$1" "$2" "$3" "$seen" "$6"
    fi
}

# skipped INTENT LABEL EXPECTED REASON: an intent the script cannot analyse.
skipped() {
    SKIPPED=$((SKIPPED + 1))
    printf 'SKIPPED   intent %s: %s: vpcplan expects %s; not analysed: %s\n' "$1" "$2" "$3" "$4"
}

# finish: the summary; the exit status is 1 when any analysed intent
# disagrees with the design or could not be analysed.
finish() {
    log "${AGREED} agree, ${DISAGREED} disagree, ${FAILED} could not be analysed, ${SKIPPED} not analysed"
    ((DISAGREED == 0 && FAILED == 0)) || exit 1
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
