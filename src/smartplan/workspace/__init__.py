"""Which plans and which settings: the discovery of plans, `.smartplan.yaml`, a new plan
(`init`)."""
