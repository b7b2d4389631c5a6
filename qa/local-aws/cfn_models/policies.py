"""Resource policies set on existing S3 buckets, SNS topics and SQS queues, and SNS subscriptions."""

import json
from typing import Any

from moto.s3.exceptions import MissingBucket
from moto.s3.models import s3_backends
from moto.sns.exceptions import SNSNotFoundError
from moto.sns.models import sns_backends
from moto.sqs.exceptions import QueueDoesNotExist
from moto.sqs.models import sqs_backends
from moto.utilities.utils import get_partition

from .base import HarnessModel


def _document(policy: Any) -> str:
    """A policy document as the JSON text the service APIs take (templates give an object, sometimes a string)."""
    return policy if isinstance(policy, str) else json.dumps(policy)


def _sns(topic_arn: str) -> Any:
    """The SNS backend of the topic's own account and region, where moto looks topics up."""
    _, _, _, region_name, account_id, _ = topic_arn.split(":", 5)
    return sns_backends[account_id][region_name]


def _attribute_text(value: Any) -> str:
    """A subscription attribute as SNS's SetSubscriptionAttributes takes it: JSON text, or "true"/"false"."""
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _queue_name(queue_url: str) -> str:
    return queue_url.rstrip("/").rsplit("/", 1)[-1]


class BucketPolicy(HarnessModel):
    TYPE = "AWS::S3::BucketPolicy"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        bucket = properties["Bucket"]
        s3_backends[account_id][get_partition(region_name)].put_bucket_policy(bucket, _document(properties["PolicyDocument"]).encode())
        # Ref of a bucket policy is its bucket's name (the resource's primary identifier); it has no attributes.
        return bucket, {}

    def remove(self) -> None:
        try:
            s3_backends[self.account_id][get_partition(self.region_name)].delete_bucket_policy(self.physical_resource_id)
        except MissingBucket:
            pass


class Subscription(HarnessModel):
    TYPE = "AWS::SNS::Subscription"

    # Subscription properties that are subscription attributes in the SNS API, set after subscribing.
    ATTRIBUTES = ("FilterPolicyScope", "FilterPolicy", "RawMessageDelivery", "DeliveryPolicy", "RedrivePolicy", "SubscriptionRoleArn")

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = _sns(properties["TopicArn"])
        subscription = backend.subscribe(properties["TopicArn"], properties.get("Endpoint"), properties["Protocol"])
        for attribute in cls.ATTRIBUTES:  # FilterPolicyScope first: moto validates FilterPolicy against it
            value = properties.get(attribute)
            if value is not None:
                backend.set_subscription_attributes(subscription.arn, attribute, _attribute_text(value))
        return subscription.arn, {"Arn": subscription.arn}

    def remove(self) -> None:
        _sns(self.properties["TopicArn"]).unsubscribe(self.physical_resource_id)


class TopicPolicy(HarnessModel):
    TYPE = "AWS::SNS::TopicPolicy"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        for topic_arn in properties["Topics"]:
            _sns(topic_arn).set_topic_attribute(topic_arn, "policy", _document(properties["PolicyDocument"]))
        # The policy has no ID in SNS; CloudFormation's Ref and Id return a generated one.
        return name, {"Id": name}

    def remove(self) -> None:
        for topic_arn in self.properties["Topics"]:
            try:
                topic = _sns(topic_arn).get_topic(topic_arn)
            except SNSNotFoundError:
                continue
            # Deleting the resource restores the policy SNS gives every new topic.
            topic.policy = json.dumps(topic._create_default_topic_policy(topic.sns_backend.region_name, topic.account_id, topic.name))


class QueuePolicy(HarnessModel):
    TYPE = "AWS::SQS::QueuePolicy"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = sqs_backends[account_id][region_name]
        for queue_url in properties["Queues"]:
            backend.set_queue_attributes(_queue_name(queue_url), {"Policy": _document(properties["PolicyDocument"])})
        # The policy has no ID in SQS; CloudFormation's Ref and Id return a generated one.
        return name, {"Id": name}

    def remove(self) -> None:
        backend = sqs_backends[self.account_id][self.region_name]
        for queue_url in self.properties["Queues"]:
            try:
                backend.set_queue_attributes(_queue_name(queue_url), {"Policy": ""})  # moto's empty policy
            except QueueDoesNotExist:
                pass


MODELS = [BucketPolicy, Subscription, TopicPolicy, QueuePolicy]
