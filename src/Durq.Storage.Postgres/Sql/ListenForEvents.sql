LISTEN durq_events;
