/** The props the FargateService construct tests start from: the architecture's service, referenced by ARN. */
import { Testing } from 'cdktf';
import { FargateService, type FargateServiceProps } from '../../constructs/service/fargate-service';
import { ACCOUNT, REGION } from './seed';

export const SERVICE_PROPS: FargateServiceProps = {
  region: REGION,
  clusterName: 'fintech-cluster',
  serviceName: 'fintech-api-service',
  taskFamily: 'fintech-api',
  containerName: 'fintech-api',
  image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/fintech-api:1.2.3`,
  desiredCount: 3,
  cpu: 512,
  memory: 1024,
  containerPort: 8080,
  executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/fintech-api-execution`,
  taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/fintech-api-task`,
  subnetIds: ['subnet-01808abced051ff76', 'subnet-08f5e862854552155'],
  securityGroupIds: ['sg-0tasks'],
  targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/fintech-api-tg/0123456789abcdef`,
  logGroupName: '/ecs/fintech-api',
};

/** Synthesizes one FargateService (id `service`) from `base` with `overrides` on top. */
export function synthService(overrides: Partial<FargateServiceProps> = {}, base: FargateServiceProps = SERVICE_PROPS): string {
  return Testing.synthScope((scope) => {
    new FargateService(scope, 'service', { ...base, ...overrides });
  });
}
