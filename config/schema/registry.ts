/** `registry`: the ECR repository the service pulls from. */
import { z } from 'zod';
import { ecrRepositoryName } from './primitives';

export const registrySchema = z
  .strictObject({
    repositoryName: ecrRepositoryName.describe('ECR repository name.'),
    scanOnPush: z.boolean().default(true).describe('Scan images for vulnerabilities on push.'),
    encryptionType: z.enum(['AES256', 'KMS']).default('AES256').describe('ECR encryption at rest.'),
    imageTagMutability: z
      .enum(['IMMUTABLE', 'MUTABLE'])
      .default('IMMUTABLE')
      .describe('IMMUTABLE: a pushed tag can never point at another image, so every deployed tag is traceable.'),
    keepTaggedImages: z.number().int().min(1).max(1000).default(50).describe('Tagged images kept; older ones expire.'),
    untaggedImageExpiryDays: z.number().int().min(1).max(365).default(7).describe('Days after which untagged images expire.'),
  })
  .describe('Container registry.');
