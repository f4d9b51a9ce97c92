// The Terraform rungs' hooks synthesize, start emulators and run Terraform: on a busy 2-core
// machine that takes longer than Jest's 5 s default for a hook or a test without its own timeout.
jest.setTimeout(300_000);
