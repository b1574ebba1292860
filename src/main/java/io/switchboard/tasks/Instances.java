package io.switchboard.tasks;

import org.springframework.stereotype.Service;

import java.util.List;

/** The registry of Switchboard instances that share this database. */
@Service
public class Instances {
    private final InstanceRegistry registry;

    Instances(InstanceRegistry registry) {
        this.registry = registry;
    }

    /** Every instance still in the registry, oldest first, classified on the database clock. */
    public List<InstanceView> all() {
        return registry.all();
    }
}
