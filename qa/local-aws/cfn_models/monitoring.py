"""CloudWatch metric alarms, log metric filters, the CloudTrail trail, and Application Auto Scaling targets and policies."""

from typing import Any

from moto.applicationautoscaling.exceptions import AWSValidationException
from moto.applicationautoscaling.models import applicationautoscaling_backends
from moto.cloudtrail.models import cloudtrail_backends
from moto.cloudwatch.models import Dimension, Metric, MetricDataQuery, MetricStat, cloudwatch_backends
from moto.logs.models import logs_backends

from .base import HarnessModel, tag_list, template_bool



def _int(value: Any) -> int | None:
    return int(float(value)) if value is not None else None


# Numeric and boolean fields of scaling policy configurations: moto stores the configuration as given and
# returns it verbatim, so a "75" from a parameter would come back as a string.
_POLICY_FIELD_TYPES: dict[str, Any] = {
    "TargetValue": float,
    "ScaleInCooldown": _int,
    "ScaleOutCooldown": _int,
    "Cooldown": _int,
    "MinAdjustmentMagnitude": _int,
    "ScalingAdjustment": _int,
    "MetricIntervalLowerBound": float,
    "MetricIntervalUpperBound": float,
    "DisableScaleIn": template_bool,
}


def _typed(config: Any) -> Any:
    """A scaling policy configuration with its numbers and booleans coerced, at any depth."""
    if isinstance(config, dict):
        return {key: _POLICY_FIELD_TYPES[key](value) if key in _POLICY_FIELD_TYPES else _typed(value) for key, value in config.items()}
    if isinstance(config, list):
        return [_typed(item) for item in config]
    return config


def _metric_query(metric: dict[str, Any]) -> MetricDataQuery:
    """One entry of an alarm's Metrics (a metric math expression or a MetricStat), built as moto's PutMetricAlarm does."""
    # The type: ignore comments below: moto annotates these fields as str, but the API (and describe_alarms) has numbers and booleans.
    stat = metric.get("MetricStat")
    metric_stat = None
    if stat:
        target = stat["Metric"]
        metric_stat = MetricStat(
            metric=Metric(
                metric_name=target.get("MetricName"),
                namespace=target.get("Namespace"),
                dimensions=[Dimension(dimension["Name"], dimension["Value"]) for dimension in target.get("Dimensions") or []],
            ),
            period=_int(stat.get("Period")),  # type: ignore[arg-type]
            stat=stat.get("Stat"),
            unit=stat.get("Unit"),
        )
    return MetricDataQuery(
        query_id=metric["Id"],
        label=metric.get("Label"),  # type: ignore[arg-type]
        period=_int(metric.get("Period")),  # type: ignore[arg-type]
        return_data=template_bool(metric.get("ReturnData", True)),  # type: ignore[arg-type]
        expression=metric.get("Expression"),
        metric_stat=metric_stat,
    )


class Alarm(HarnessModel):
    TYPE = "AWS::CloudWatch::Alarm"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        alarm = cloudwatch_backends[account_id][region_name].put_metric_alarm(
            name=properties.get("AlarmName") or name,
            namespace=properties.get("Namespace"),
            metric_name=properties.get("MetricName"),
            metric_data_queries=[_metric_query(metric) for metric in properties.get("Metrics") or []],
            comparison_operator=properties["ComparisonOperator"],
            evaluation_periods=_int(properties["EvaluationPeriods"]),
            datapoints_to_alarm=_int(properties.get("DatapointsToAlarm")),
            period=_int(properties.get("Period")),
            threshold=float(properties["Threshold"]) if properties.get("Threshold") is not None else None,
            statistic=properties.get("Statistic"),
            extended_statistic=properties.get("ExtendedStatistic"),
            description=properties.get("AlarmDescription"),
            dimensions=properties.get("Dimensions") or [],
            alarm_actions=properties.get("AlarmActions") or [],
            ok_actions=properties.get("OKActions") or [],
            insufficient_data_actions=properties.get("InsufficientDataActions") or [],
            unit=properties.get("Unit"),
            actions_enabled=template_bool(properties.get("ActionsEnabled", True)),
            treat_missing_data=properties.get("TreatMissingData"),
            evaluate_low_sample_count_percentile=properties.get("EvaluateLowSampleCountPercentile"),
            threshold_metric_id=properties.get("ThresholdMetricId"),
            tags=tag_list(properties.get("Tags")),
        )
        return alarm.name, {"Arn": alarm.alarm_arn}

    def remove(self) -> None:
        cloudwatch_backends[self.account_id][self.region_name].delete_alarms([self.physical_resource_id])


class MetricFilter(HarnessModel):
    TYPE = "AWS::Logs::MetricFilter"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        filter_name = properties.get("FilterName") or name
        logs_backends[account_id][region_name].put_metric_filter(
            filter_name, properties["FilterPattern"], properties["LogGroupName"], properties["MetricTransformations"],
        )
        return f"{properties['LogGroupName']}|{filter_name}", {}

    def remove(self) -> None:
        log_group_name, filter_name = self.physical_resource_id.split("|", 1)
        logs_backends[self.account_id][self.region_name].delete_metric_filter(filter_name, log_group_name)


class Trail(HarnessModel):
    TYPE = "AWS::CloudTrail::Trail"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = cloudtrail_backends[account_id][region_name]
        trail = backend.create_trail(
            name=properties.get("TrailName") or name,
            bucket_name=properties["S3BucketName"],
            s3_key_prefix=properties.get("S3KeyPrefix"),
            sns_topic_name=properties.get("SnsTopicName"),
            is_global=template_bool(properties.get("IncludeGlobalServiceEvents", True)),
            is_multi_region=template_bool(properties.get("IsMultiRegionTrail", False)),
            log_validation=template_bool(properties.get("EnableLogFileValidation", False)),
            is_org_trail=template_bool(properties.get("IsOrganizationTrail", False)),
            cw_log_group_arn=properties.get("CloudWatchLogsLogGroupArn"),
            cw_role_arn=properties.get("CloudWatchLogsRoleArn"),
            kms_key_id=properties.get("KMSKeyId"),
            tags_list=tag_list(properties.get("Tags")),
        )
        if properties.get("EventSelectors") or properties.get("AdvancedEventSelectors"):
            trail.put_event_selectors(properties.get("EventSelectors") or [], properties.get("AdvancedEventSelectors") or [])
        if properties.get("InsightSelectors"):
            trail.put_insight_selectors(properties["InsightSelectors"])
        if template_bool(properties["IsLogging"]):
            trail.start_logging()
        attributes = {"Arn": trail.arn}
        if trail.topic_arn:
            attributes["SnsTopicArn"] = trail.topic_arn
        return trail.trail_name, attributes

    def remove(self) -> None:
        backend = cloudtrail_backends[self.account_id][self.region_name]
        backend.tagging_service.delete_all_tags_for_resource(self.attributes["Arn"])
        backend.delete_trail(self.physical_resource_id)


class ScalableTarget(HarnessModel):
    TYPE = "AWS::ApplicationAutoScaling::ScalableTarget"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        suspended = properties.get("SuspendedState")
        target = applicationautoscaling_backends[account_id][region_name].register_scalable_target(
            namespace=properties["ServiceNamespace"],
            r_id=properties["ResourceId"],
            dimension=properties["ScalableDimension"],
            min_capacity=_int(properties["MinCapacity"]),
            max_capacity=_int(properties["MaxCapacity"]),
            role_arn=properties.get("RoleARN"),
            suspended_state={key: template_bool(value) for key, value in suspended.items()} if suspended else None,
        )
        # CloudFormation's ID of a scalable target: resource ID, dimension and namespace joined by "|".
        physical_id = f"{target.resource_id}|{target.scalable_dimension}|{target.service_namespace}"
        return physical_id, {"Id": physical_id}

    def remove(self) -> None:
        resource_id, dimension, namespace = self.physical_resource_id.split("|")
        try:
            applicationautoscaling_backends[self.account_id][self.region_name].deregister_scalable_target(namespace, resource_id, dimension)
        except AWSValidationException:
            pass


class ScalingPolicy(HarnessModel):
    TYPE = "AWS::ApplicationAutoScaling::ScalingPolicy"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        resource_id, dimension, namespace = cls._target(properties)
        policy_type = properties["PolicyType"]
        step = policy_type == "StepScaling"
        configuration = properties.get("StepScalingPolicyConfiguration" if step else "TargetTrackingScalingPolicyConfiguration")
        policy = applicationautoscaling_backends[account_id][region_name].put_scaling_policy(
            policy_name=properties.get("PolicyName") or name,
            service_namespace=namespace,
            resource_id=resource_id,
            scalable_dimension=dimension,
            policy_body=_typed(configuration or {}),
            policy_type=policy_type,
        )
        return policy.policy_arn, {"Arn": policy.policy_arn}

    @staticmethod
    def _target(properties: dict[str, Any]) -> tuple[str, str, str]:
        """(resource ID, scalable dimension, namespace), from ScalingTargetId (a scalable target's Ref) or given one by one."""
        if properties.get("ScalingTargetId"):
            resource_id, dimension, namespace = properties["ScalingTargetId"].split("|")
            return resource_id, dimension, namespace
        return properties["ResourceId"], properties["ScalableDimension"], properties["ServiceNamespace"]

    def remove(self) -> None:
        resource_id, dimension, namespace = self._target(self.properties)
        name = self.physical_resource_id.rsplit(":policyName/", 1)[1]
        try:
            applicationautoscaling_backends[self.account_id][self.region_name].delete_scaling_policy(name, namespace, resource_id, dimension)
        except AWSValidationException:
            pass


MODELS = [Alarm, MetricFilter, Trail, ScalableTarget, ScalingPolicy]
