
# find_elbv2 PROFILE REGION KIND KEY: sets FOUND to the ARNs of the load
# balancers (KIND load-balancers) or target groups (KIND target-groups) tagged
# vpcplan:key=KEY. ELBv2 filters nothing by tag, so it reads the tags of every
# one, 20 ARNs per describe-tags call (its limit).
find_elbv2() {
    local profile=$1 region=$2 kind=$3 key=$4 query found i
    local -a arns=() tagged=()
    case $kind in
        load-balancers) query='LoadBalancers[].LoadBalancerArn' ;;
        target-groups) query='TargetGroups[].TargetGroupArn' ;;
        *) die "find_elbv2: unknown kind $kind" ;;
    esac
    found=$(aws elbv2 "describe-$kind" --profile "$profile" --region "$region" --query "$query" --output text)
    words "$found"
    arns=("${FOUND[@]}")
    for ((i = 0; i < ${#arns[@]}; i += 20)); do
        found=$(aws elbv2 describe-tags --profile "$profile" --region "$region" --resource-arns "${arns[@]:i:20}" \
            --query "TagDescriptions[?Tags[?Key=='vpcplan:key' && Value=='${key}']].ResourceArn" --output text)
        words "$found"
        tagged+=("${FOUND[@]}")
    done
    FOUND=("${tagged[@]}")
}

# delete_load_balancers PROFILE REGION KEY: deletes the load balancer tagged
# KEY ("Deleting a load balancer also deletes its listeners", DeleteLoadBalancer)
# and waits until it is gone, so its target group is free.
delete_load_balancers() {
    local profile=$1 region=$2 key=$3 arn
    local -a arns=()
    find_elbv2 "$profile" "$region" load-balancers "$key"
    arns=("${FOUND[@]}")
    for arn in "${arns[@]}"; do
        log "delete-load-balancer $arn"
        tolerant aws elbv2 delete-load-balancer --profile "$profile" --region "$region" --load-balancer-arn "$arn"
    done
    if ((${#arns[@]} > 0)); then
        aws elbv2 wait load-balancers-deleted --profile "$profile" --region "$region" --load-balancer-arns "${arns[@]}"
    fi
}

# delete_target_groups PROFILE REGION KEY: deletes the target group tagged KEY.
delete_target_groups() {
    local profile=$1 region=$2 key=$3 arn
    find_elbv2 "$profile" "$region" target-groups "$key"
    for arn in "${FOUND[@]}"; do
        log "delete-target-group $arn"
        tolerant aws elbv2 delete-target-group --profile "$profile" --region "$region" --target-group-arn "$arn"
    done
}
