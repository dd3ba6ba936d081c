#!/bin/bash
# LocalStack runs this once its services are ready (/etc/localstack/init/ready.d): the AWS resources the export
# service expects to find, as infrastructure code provisions them in production. The DynamoDB tables (export-tasks with
# its indexes, export-api-keys) are not created here: the service creates them at start when
# EXPORT_DYNAMODB_CREATE_TABLES=true (its default), from the one schema it knows (TaskTable, ApiKeys).
set -euo pipefail

QUEUE=export-tasks.fifo
DEAD_LETTER_QUEUE=export-tasks-dlq.fifo
BUCKET=earthchem-exports
# the healthcheck of docker-compose.yml waits for this file
READY=/tmp/export-resources-ready

rm -f "$READY"

# the dead-letter queue first: a FIFO queue's dead-letter queue must be FIFO as well. Deduplication ids come from the
# service (content-based deduplication off); messages kept the maximum 14 days for an operator to look at.
awslocal sqs create-queue --queue-name "$DEAD_LETTER_QUEUE" --attributes '{
  "FifoQueue": "true",
  "ContentBasedDeduplication": "false",
  "MessageRetentionPeriod": "1209600"
}'
DEAD_LETTER_URL=$(awslocal sqs get-queue-url --queue-name "$DEAD_LETTER_QUEUE" --query QueueUrl --output text)
DEAD_LETTER_ARN=$(awslocal sqs get-queue-attributes --queue-url "$DEAD_LETTER_URL" --attribute-names QueueArn \
	--query Attributes.QueueArn --output text)

# the task queue: the service moves the message of an export that failed every attempt to the dead-letter queue
# itself; the redrive policy (export.queue.max-receives, 1000 receives) is only a safety net, as most receives are not
# attempts; 30 s visibility (export.queue.visibility-timeout), extended every 10 s by the node that runs the
# export for as long as it runs
awslocal sqs create-queue --queue-name "$QUEUE" --attributes '{
  "FifoQueue": "true",
  "ContentBasedDeduplication": "false",
  "VisibilityTimeout": "30",
  "RedrivePolicy": "{\"deadLetterTargetArn\":\"'"$DEAD_LETTER_ARN"'\",\"maxReceiveCount\":\"1000\"}"
}'

# the bucket of finished exports
if ! awslocal s3api head-bucket --bucket "$BUCKET" 2>/dev/null; then
	awslocal s3api create-bucket --bucket "$BUCKET"
fi

touch "$READY"
echo "export resources ready: queue $QUEUE (dead letters to $DEAD_LETTER_QUEUE), bucket $BUCKET"
