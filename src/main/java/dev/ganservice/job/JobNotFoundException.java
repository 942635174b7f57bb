package dev.ganservice.job;

/** No job has the id a request named. */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(String id) {
        super("No training job has the id '" + id + "'. GET /train lists the jobs.");
    }
}
