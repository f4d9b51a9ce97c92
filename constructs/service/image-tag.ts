import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * The `image_tag` Terraform variable: which tag of the repository the service runs. A release is
 * `-var image_tag=v1.4.2`, no code change. Create it on the stack (its name is the variable's).
 * @param defaultTag the environment's default; without one every plan must name the release
 */
export function imageTagVariable(stack: Construct, defaultTag: string | undefined): TerraformVariable {
  return new TerraformVariable(stack, 'image_tag', {
    type: 'string',
    default: defaultTag,
    description:
      'Image tag to deploy from the ECR repository (a new tag rolls the service). Required when the environment file sets no default.',
    nullable: false,
  });
}
